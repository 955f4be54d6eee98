using System.Text.RegularExpressions;
using InterviewTextLine.Core.Understanding;

namespace InterviewTextLine.Understanding.Rules;

/// <summary>
/// A language's reading of a text before the rules and the model see it: its words with one-slip typos
/// mended ("intervewer is beeing super rdue"), and the text the classifier reads. Done once per text and
/// kept with it; training reads its corpus through the same mender, so the model learns what it will see.
/// </summary>
public sealed partial class TextMender
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

    /// <summary>What the classifier reads: the folded text, punctuation kept, typos mended.</summary>
    public string ModelText(TextReading text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _speller is null
            ? text.Folded
            : text.Remember("model-text:" + _key, () => Word().Replace(text.Folded, match => _speller.Mend(match.Value.Replace("'", "", StringComparison.Ordinal)) ?? match.Value));
    }

    [GeneratedRegex(@"[a-z][a-z']*[a-z]", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
