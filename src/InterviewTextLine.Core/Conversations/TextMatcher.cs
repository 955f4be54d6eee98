using System.Text;
using InterviewTextLine.Core.Sms;

namespace InterviewTextLine.Core.Conversations;

/// <summary>
/// Turns what people actually type (mixed case, curly quotes, emoji, stray punctuation) into words the
/// flow can match, and measures typos.
/// </summary>
public static class TextMatcher
{
    /// <summary>Typos are forgiven only in words this long; shorter words collide too easily.</summary>
    public const int TypoMinLength = 4;

    /// <summary>
    /// Lower-case words separated by single spaces, without accents ("Menú" and "menu" are one word; people
    /// texting in a hurry drop them); apostrophes inside words are dropped ("don't" becomes "dont"),
    /// everything that is not a letter or digit separates words.
    /// </summary>
    public static string Normalize(string? text) => string.Join(' ', Words(text));

    public static IReadOnlyList<string> Words(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in Fold(SmsNormalizer.ToGsm7(text)).EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                word.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (rune.Value == '\'' && word.Length > 0)
            {
                // "don't" and "dont" are the same word to a texter in a hurry.
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>The text without accents and other marks on its letters: "ESPAÑOL" becomes "ESPANOL", "salí" "sali".</summary>
    /// <remarks>
    /// A table, not Unicode decomposition: the app runs with invariant globalization, which does not
    /// decompose. The Latin letters of the languages the line speaks are enough.
    /// </remarks>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (System.Text.Ascii.IsValid(text))
        {
            return text;
        }

        return string.Create(text.Length, text, static (folded, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                var index = Marked.IndexOf(c, StringComparison.Ordinal);
                folded[i] = index < 0 ? c : Plain[index];
            }
        });
    }

    private const string Marked = "\u00E1\u00E0\u00E2\u00E4\u00E3\u00E5\u00E9\u00E8\u00EA\u00EB\u00ED\u00EC\u00EE\u00EF\u00F3\u00F2\u00F4\u00F6\u00F5\u00FA\u00F9\u00FB\u00FC\u00F1\u00E7\u00C1\u00C0\u00C2\u00C4\u00C3\u00C5\u00C9\u00C8\u00CA\u00CB\u00CD\u00CC\u00CE\u00CF\u00D3\u00D2\u00D4\u00D6\u00D5\u00DA\u00D9\u00DB\u00DC\u00D1\u00C7";
    private const string Plain = "aaaaaaeeeeiiiiooooouuuuncAAAAAAEEEEIIIIOOOOOUUUUNC";

    /// <summary>
    /// The message as a single keyword, when it is one word with only whitespace, punctuation or
    /// symbols around it ("Stop!", " help "); otherwise null.
    /// </summary>
    public static string? SingleWord(string? text)
    {
        var words = Words(text);
        if (words.Count != 1)
        {
            return null;
        }

        // A word split by an inner symbol ("st0p-it") is not a keyword; Words would have split it.
        return words[0].ToUpperInvariant();
    }

    /// <summary>True when <paramref name="typed"/> is <paramref name="expected"/> or one edit away and long enough to forgive.</summary>
    public static bool IsCloseTo(string typed, string expected)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(expected);
        if (string.Equals(typed, expected, StringComparison.Ordinal))
        {
            return true;
        }

        return typed.Length >= TypoMinLength && expected.Length >= TypoMinLength && IsOneEditAway(typed, expected);
    }

    /// <summary>
    /// One insertion, deletion, substitution or swap of neighbours (optimal string alignment distance 1):
    /// "wrods" is one slip away from "words".
    /// </summary>
    public static bool IsOneEditAway(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (Math.Abs(a.Length - b.Length) > 1 || a == b)
        {
            return false;
        }

        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (a.Length == b.Length)
        {
            // Substitution, or a swap of two neighbours.
            return a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1)) ||
                (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2)));
        }

        var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
        return longer.AsSpan(i + 1).SequenceEqual(shorter.AsSpan(i));
    }
}
