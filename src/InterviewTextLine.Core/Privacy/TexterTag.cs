using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.Core.Privacy;

/// <summary>
/// How logs and listings name a texter, and the only way they do: 12 hex digits that stay the same for one texter
/// through one UTC day and change at midnight.
/// </summary>
/// <remarks>
/// <para>
/// A log line that tells one texter's texts apart from another's is worth having while a problem is fresh; a name
/// that lasts is not. Logs outlive a conversation (FORGET cannot reach Application Insights) and sit beside the
/// MessageSid, which Twilio's console maps back to a phone number, so a tag that never changed would let one
/// MessageSid name every line a texter ever caused. Salted with the day, it links at most that day's lines.
/// </para>
/// <para>
/// The tag is an HMAC-SHA256 of the day keyed with the texter's id, which is itself a keyed hash of the number:
/// without the phone hash key, neither a number nor another day's tag leads to it.
/// </para>
/// </remarks>
public readonly record struct TexterTag
{
    public const int Length = 12;

    private readonly TexterId _texter;
    private readonly DateOnly _day;

    private TexterTag(TexterId texter, DateOnly day)
    {
        _texter = texter;
        _day = day;
    }

    /// <summary>
    /// The tag of <paramref name="texter"/> on the UTC day of <paramref name="at"/>. Cheap: the hash is computed only
    /// when a log line is written.
    /// </summary>
    public static TexterTag For(TexterId texter, DateTimeOffset at) => new(texter, DateOnly.FromDateTime(at.UtcDateTime));

    public override string ToString()
    {
        if (_texter.Value is null)
        {
            return "";
        }

        var day = _day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(_texter.Value), Encoding.UTF8.GetBytes("texter-tag|" + day));
        return Convert.ToHexStringLower(hash)[..Length];
    }
}
