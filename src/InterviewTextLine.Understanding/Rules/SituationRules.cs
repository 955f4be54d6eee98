using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.Understanding.Rules;

/// <summary>
/// The rules that point a text to a situation without the model: its menu number, one of its keywords
/// said as the whole text (a typo forgiven), and the urgent situation's sure phrases ("he has a knife").
/// </summary>
/// <remarks>
/// Only phrases that cannot mean anything but danger are rules: "pulled a knife", "locked the door",
/// "won't let me leave". Words with everyday uses ("kill", "scared", "grilled", "pushed me") are left to
/// the model, which learned from texts that use them both ways; a test holds every sure phrase to the
/// training corpus, where none may appear in a text about something else.
/// </remarks>
internal sealed class SituationRules
{
    private readonly Dictionary<int, string> _byNumber;
    private readonly List<(string Situation, string[] Words)> _keywords;
    private readonly List<string[]> _urgent;
    private readonly ScriptWords _words;

    /// <summary>Words that cancel a phrase just after them, in the script's language: "not locked", "didnt touch".</summary>
    private readonly HashSet<string> _negations;

    public SituationRules(FlowScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        _words = script.Words;
        _negations = new HashSet<string>(script.Words.Negations, StringComparer.Ordinal);
        _byNumber = script.Situations.Where(pair => pair.Value.Number is not null).ToDictionary(pair => pair.Value.Number!.Value, pair => pair.Key);
        _keywords = [.. script.Situations.SelectMany(pair => pair.Value.Keywords.Select(k => (pair.Key, Split(k))))];
        _urgent = [.. script.Cues.Where(cue => cue.Situation == script.Urgent).SelectMany(cue => cue.Phrases.Select(Split))];
    }

    /// <summary>The situation a menu number ("2", "#2", "two" in the script's language) picks, or null.</summary>
    public string? ByNumber(IReadOnlyList<string> words) =>
        _words.Number(words) is { } number ? _byNumber.GetValueOrDefault(number) : null;

    /// <summary>The situation whose keyword is the whole text ("deal breaker"; "rdue" for a one-word text), or null.</summary>
    public string? ByKeyword(IReadOnlyList<string> words)
    {
        foreach (var (situation, keyword) in _keywords)
        {
            if (keyword.SequenceEqual(words) || (words.Count == 1 && keyword.Length == 1 && TextMatcher.IsCloseTo(words[0], keyword[0])))
            {
                return situation;
            }
        }

        return null;
    }

    /// <summary>True when the words hold one of the urgent situation's sure phrases.</summary>
    public bool IsUrgent(IReadOnlyList<string> words) => _urgent.Any(phrase => Contains(words, phrase));

    /// <summary>The sure phrase the words hold, for a maintainer explaining a decision; null when none.</summary>
    public string? UrgentPhrase(IReadOnlyList<string> words) =>
        _urgent.FirstOrDefault(phrase => Contains(words, phrase)) is { } phrase ? string.Join(' ', phrase) : null;

    internal static string[] Split(string phrase) =>
        [.. phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => word.EndsWith('*') ? TextMatcher.Normalize(word[..^1]) + "*" : TextMatcher.Normalize(word))];

    /// <summary>True when the words hold the phrase, and it is not negated by one of the two words before it.</summary>
    private bool Contains(IReadOnlyList<string> words, string[] phrase)
    {
        for (var start = 0; start + phrase.Length <= words.Count; start++)
        {
            if (!_negations.Contains(phrase[0])
                && ((start >= 1 && _negations.Contains(words[start - 1])) || (start >= 2 && _negations.Contains(words[start - 2]))))
            {
                continue;
            }

            var all = true;
            for (var i = 0; i < phrase.Length && all; i++)
            {
                all = WordMatches(words[start + i], phrase[i]);
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    private static bool WordMatches(string word, string pattern) =>
        pattern.EndsWith('*')
            ? word.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal)
            // Typos are mended before the phrases are read (SpellingCorrector); guessing again here would turn
            // "looked" into "locked".
            : word == pattern;
}
