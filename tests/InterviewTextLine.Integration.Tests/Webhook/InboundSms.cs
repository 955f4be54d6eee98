using InterviewTextLine.TestKit.Builders;
using InterviewTextLine.TestKit.Webhooks;

namespace InterviewTextLine.Integration.Tests.Webhook;

/// <summary>Builds the form fields of an inbound SMS webhook as Twilio posts them.</summary>
internal sealed class InboundSms
{
    public const string TexterNumber = "+14155550123";
    public const string LineNumber = "+18005550100";

    private readonly Dictionary<string, string> _fields;

    private InboundSms(Dictionary<string, string> fields) => _fields = fields;

    public static InboundSms Text(string body, string? messageSid = null)
    {
        var sid = messageSid ?? TestData.NewMessageSid();
        return new(TwilioForm.Fields(TexterNumber, LineNumber, body, sid));
    }

    public string MessageSid => _fields["MessageSid"];

    public IReadOnlyDictionary<string, string> Fields => _fields;

    public InboundSms With(string name, string value)
    {
        var fields = new Dictionary<string, string>(_fields, StringComparer.Ordinal) { [name] = value };
        if (name == "MessageSid")
        {
            fields["SmsSid"] = value;
            fields["SmsMessageSid"] = value;
        }

        return new InboundSms(fields);
    }

    public InboundSms Without(string name)
    {
        var fields = new Dictionary<string, string>(_fields, StringComparer.Ordinal);
        fields.Remove(name);
        return new InboundSms(fields);
    }
}
