using System.Text;

namespace InterviewTextLine.Core.Sms;

/// <summary>
/// Replaces the typographic characters that editors like to insert (curly quotes, long dashes, the
/// ellipsis character, non-breaking spaces) with their GSM-7 equivalents, and the Spanish accented
/// vowels that GSM-7 lacks (á, í, ó, ú) with plain ones.
/// </summary>
/// <remarks>
/// A single character outside GSM-7 sends the whole reply as UCS-2, 70 characters a segment instead of
/// 160: "Sal ahora y llámame" would cost twice as much as "Sal ahora y llamame". GSM-7 has é, ñ, ü, ¿ and
/// ¡, so those stay; Spanish texters drop the other accents themselves (docs/performance.md, SMS cost).
/// </remarks>
public static class SmsNormalizer
{
    /// <summary>
    /// The Spanish vowels GSM-7 lacks (á, í, ó, ú) as plain ones, and nothing else changed: how a reply
    /// written in proper Spanish is sent. The lint checks every text as it will be sent.
    /// </summary>
    public static string WithoutAccentsGsm7Lacks(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny(AccentsToReplace) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text);
        for (var i = 0; i < builder.Length; i++)
        {
            var index = AccentsGsm7Lacks.IndexOf(builder[i], StringComparison.Ordinal);
            if (index >= 0)
            {
                builder[i] = PlainVowels[index];
            }
        }

        return builder.ToString();
    }

    private const string AccentsGsm7Lacks = "\u00E1\u00ED\u00F3\u00FA\u00C1\u00CD\u00D3\u00DA";
    private const string PlainVowels = "aiouAIOU";
    private static readonly System.Buffers.SearchValues<char> AccentsToReplace = System.Buffers.SearchValues.Create(AccentsGsm7Lacks);

    public static string ToGsm7(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '`' or '\u00B4':
                    builder.Append('\'');
                    break;
                case '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB':
                    builder.Append('"');
                    break;
                case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212':
                    builder.Append('-');
                    break;
                case '\u2026':
                    builder.Append("...");
                    break;
                case '\u00A0' or '\u2007' or '\u202F' or '\u2009' or '\u200A' or '\t':
                    builder.Append(' ');
                    break;
                case '\u2022' or '\u00B7':
                    builder.Append('*');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return WithoutAccentsGsm7Lacks(builder.ToString());
    }
}
