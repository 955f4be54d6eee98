using System.Security.Cryptography;
using System.Text;

namespace InterviewTextLine.TestKit.Signing;

/// <summary>
/// Signs a webhook the way Twilio does (URL, then every field as name + value sorted by name, HMAC-SHA1 with the
/// auth token, base64). Written from the protocol rather than with the SDK, so tests do not grade the SDK
/// with itself; the webhook tests check it against Twilio's published vector.
/// </summary>
public static class TwilioTestSigner
{
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        SignRepeated(authToken, url, fields.GroupBy(field => field.Key, StringComparer.Ordinal).Select(group => KeyValuePair.Create(group.Key, group.Select(field => field.Value).ToArray())));

    /// <summary>
    /// Signs fields that may repeat a name as twilio-node and twilio-python do: names sorted, and each name once
    /// per distinct value, values sorted.
    /// </summary>
    public static string SignRepeated(string authToken, string url, IEnumerable<KeyValuePair<string, string[]>> fields)
    {
        var signed = new StringBuilder(url);
        foreach (var (name, values) in fields.OrderBy(field => field.Key, StringComparer.Ordinal))
        {
            foreach (var value in values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                signed.Append(name).Append(value);
            }
        }

#pragma warning disable CA5350 // HMAC-SHA1 is what Twilio's signature protocol uses.
        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(signed.ToString()));
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }
}
