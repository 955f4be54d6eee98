using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Sms;

namespace InterviewTextLine.Core.Understanding;

/// <summary>
/// One inbound text, read once at the door: cut to what the line reads, folded to plain lower-case
/// letters, split into words. Everything that understands the text (the keywords, the rules, each
/// language's model) reads this, never the raw body again.
/// </summary>
/// <remarks>
/// The cuts bound the work a text can cost: a 1,600-character text of random words is read up to
/// <see cref="MaxWords"/> words, like a short one, so no text can hold a request up. A texter in an
/// interview says what is wrong in the first sentence or two.
/// </remarks>
public sealed class TextReading
{
    /// <summary>The longest body the line reads: Twilio's own limit for one message.</summary>
    public const int MaxLength = 1600;

    /// <summary>The most words the understanding reads.</summary>
    public const int MaxWords = 48;

    /// <summary>The most characters of those words it reads (a "word" of random letters can be long).</summary>
    public const int MaxCharacters = 400;

    private readonly Dictionary<string, object> _memo = new(StringComparer.Ordinal);

    private TextReading(string body, string folded, IReadOnlyList<string> words, bool cut)
    {
        Body = body;
        Folded = folded;
        Words = words;
        WasCut = cut;
    }

    /// <summary>The text as sent, cut to <see cref="MaxLength"/>.</summary>
    public string Body { get; }

    /// <summary>
    /// Lower case, accents and typographic marks folded, whitespace collapsed, cut after
    /// <see cref="MaxWords"/> words; punctuation stays ("??" and "!!" carry meaning).
    /// </summary>
    public string Folded { get; }

    /// <summary>The words of <see cref="Folded"/> (letters and digits only; "don't" is "dont").</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>True when the text had more than <see cref="MaxWords"/> words or <see cref="MaxLength"/> characters.</summary>
    public bool WasCut { get; }

    /// <summary>The whole text as one upper-case keyword ("Stop!" is <c>STOP</c>), or null when it is more than one word.</summary>
    public string? SingleWord => Words.Count == 1 ? Words[0].ToUpperInvariant() : null;

    /// <summary>Reads <paramref name="body"/> (null or blank reads as no words).</summary>
    public static TextReading Of(string? body)
    {
        var text = body ?? "";
        var cut = text.Length > MaxLength;
        if (cut)
        {
            text = text[..MaxLength];
        }

        var tokens = TextMatcher.Fold(SmsNormalizer.ToGsm7(text)).ToLowerInvariant()
            .Split((char[]?)null, MaxWords + 1, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tokens.Length > MaxWords)
        {
            cut = true;
            tokens = tokens[..MaxWords];
        }

        var folded = string.Join(' ', tokens);
        if (folded.Length > MaxCharacters)
        {
            cut = true;
            folded = folded[..MaxCharacters];
        }

        return new TextReading(text, folded, TextMatcher.Words(folded), cut);
    }

    /// <summary>
    /// Work on this text that a reader does once and may need again (a language's mended words, its model's
    /// probabilities): computed on first use, then kept with the text for the rest of its request.
    /// </summary>
    public T Remember<T>(string key, Func<T> compute)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (_memo.TryGetValue(key, out var known))
        {
            return (T)known;
        }

        var value = compute();
        _memo[key] = value;
        return value;
    }
}
