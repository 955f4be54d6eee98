using System.Text;

namespace InterviewTextLine.Core.Sms;

/// <summary>
/// Replaces the typographic characters that editors like to insert (curly quotes, long dashes, the
/// ellipsis character, non-breaking spaces) with their GSM-7 equivalents.
/// </summary>
public static class SmsNormalizer
{
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

        return builder.ToString();
    }
}
