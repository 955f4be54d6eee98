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
        var sid = messageSid ?? NewMessageSid();
        return new(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ToCountry"] = "US",
            ["ToState"] = "CA",
            ["SmsMessageSid"] = sid,
            ["NumMedia"] = "0",
            ["ToCity"] = "",
            ["FromZip"] = "",
            ["SmsSid"] = sid,
            ["FromState"] = "CA",
            ["SmsStatus"] = "received",
            ["FromCity"] = "",
            ["Body"] = body,
            ["FromCountry"] = "US",
            ["To"] = LineNumber,
            ["ToZip"] = "",
            ["NumSegments"] = "1",
            ["MessageSid"] = sid,
            ["AccountSid"] = "AC" + new string('0', 32),
            ["From"] = TexterNumber,
            ["ApiVersion"] = "2010-04-01",
        });
    }

    public static string NewMessageSid() => "SM" + Guid.NewGuid().ToString("N");

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
