using InterviewTextLine.Core.Understanding;

namespace InterviewTextLine.Understanding.Rules;

/// <summary>
/// A language's reading of a text before the rules see it: its words with one-slip typos mended
/// ("intervewer is beeing super rdue"), so that a keyword or a sure danger phrase still matches. Done once per
/// text and kept with it.
/// </summary>
public sealed class TextMender
{
    private readonly SpellingCorrector? _speller;
    private readonly string _key;

    /// <param name="language">The language read (the key under which each text keeps its mended form).</param>
    /// <param name="speller">The spelling corrector, or null where the language has none (the text is read as folded).</param>
    public TextMender(string language, SpellingCorrector? speller)
    {
        ArgumentNullException.ThrowIfNull(language);
        _speller = speller;
        _key = language;
    }

    /// <summary>The text's words, typos mended.</summary>
    public IReadOnlyList<string> Words(TextReading text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _speller is null ? text.Words : text.Remember("mended:" + _key, () => _speller.Correct(text.Words));
    }
}
