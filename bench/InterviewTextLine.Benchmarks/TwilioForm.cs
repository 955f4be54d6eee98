using System.Globalization;
using System.Security.Cryptography;
using InterviewTextLine.TestKit.Signing;

namespace InterviewTextLine.Benchmarks;

/// <summary>Inbound SMS webhooks as Twilio posts them, signed as Twilio signs them.</summary>
internal static class TwilioForm
{
    public const string AuthToken = "bench-auth-token";

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

    /// <summary>Twilio's signature over the URL and every field (the SDK's validator cannot sign).</summary>
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        TwilioTestSigner.Sign(authToken, url, fields);

    public static string NewMessageSid() => "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A distinct texter number per phase, worker and conversation, so no two conversations share a partition.</summary>
    public static string Number(int phase, int worker, int conversation) =>
        "+1" + (2_000_000_000L + phase * 100_000_000L + worker * 1_000_000L + conversation).ToString(CultureInfo.InvariantCulture);
}
