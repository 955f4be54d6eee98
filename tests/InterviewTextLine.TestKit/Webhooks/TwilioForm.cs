namespace InterviewTextLine.TestKit.Webhooks;

/// <summary>The form of an inbound SMS webhook as Twilio posts it.</summary>
public static class TwilioForm
{
    /// <summary>Every field Twilio sends with a plain text, so the form read and the signature cover a real-sized body.</summary>
    public static Dictionary<string, string> Fields(string from, string to, string body, string messageSid) => new(StringComparer.Ordinal)
    {
        ["ToCountry"] = "US",
        ["ToState"] = "CA",
        ["SmsMessageSid"] = messageSid,
        ["NumMedia"] = "0",
        ["ToCity"] = "",
        ["FromZip"] = "",
        ["SmsSid"] = messageSid,
        ["FromState"] = "CA",
        ["SmsStatus"] = "received",
        ["FromCity"] = "",
        ["Body"] = body,
        ["FromCountry"] = "US",
        ["To"] = to,
        ["ToZip"] = "",
        ["NumSegments"] = "1",
        ["MessageSid"] = messageSid,
        ["AccountSid"] = "AC" + new string('0', 32),
        ["From"] = from,
        ["ApiVersion"] = "2010-04-01",
    };
}
