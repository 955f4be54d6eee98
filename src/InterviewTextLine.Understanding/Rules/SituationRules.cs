using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.Core.Understanding;

/// <summary>
/// The rules that point a text to a situation from anywhere in the flow: its menu number, one of its
/// keywords (a typo forgiven), or free-text cues such as "he was so rude" or "the salary is way too low".
/// </summary>
internal sealed class SituationRules
{
    private readonly Dictionary<int, string> _byNumber;
    private readonly List<(string Situation, string[] Words)> _keywords;
    private readonly List<(string Situation, string[] Words, bool Weak)> _cues;

    public SituationRules(FlowScript script)
    {
        _byNumber = script.Situations.Where(pair => pair.Value.Number is not null).ToDictionary(pair => pair.Value.Number!.Value, pair => pair.Key);
        _keywords = [.. script.Situations.SelectMany(pair => pair.Value.Keywords.Select(k => (pair.Key, Split(k))))];
        _cues = [.. script.Cues.SelectMany(cue => cue.Phrases.Select(p => (cue.Situation, Split(p), cue.Weak)))];
    }

    /// <summary>The situation a menu number ("2", "#2", "two") picks, or null.</summary>
    public string? ByNumber(IReadOnlyList<string> words) =>
        TextMatcher.Number(words) is { } number ? _byNumber.GetValueOrDefault(number) : null;

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

    /// <summary>How many free-text cues of each situation the words contain.</summary>
    public Dictionary<string, int> CueHits(IReadOnlyList<string> words)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (situation, phrase, _) in _cues)
        {
            if (Contains(words, phrase))
            {
                scores[situation] = scores.GetValueOrDefault(situation) + 1;
            }
        }

        return scores;
    }

    /// <summary>True when the words hold one of the situation's cues that are not <see cref="Cue.Weak"/>.</summary>
    public bool HasSureCue(IReadOnlyList<string> words, string situation) =>
        _cues.Any(cue => !cue.Weak && cue.Situation == situation && Contains(words, cue.Words));

    internal static string[] Split(string phrase) =>
        [.. phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => word.EndsWith('*') ? TextMatcher.Normalize(word[..^1]) + "*" : TextMatcher.Normalize(word))];

    /// <summary>Words that cancel a cue just after them: "not creepy", "wasnt flirting".</summary>
    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal) { "not", "no", "never", "wasnt", "isnt", "didnt", "doesnt", "arent", "werent", "nothing" };

    /// <summary>True when the words hold the phrase, and it is not negated by one of the two words before it.</summary>
    internal static bool Contains(IReadOnlyList<string> words, string[] phrase)
    {
        for (var start = 0; start + phrase.Length <= words.Count; start++)
        {
            if (Negations.Contains(phrase[0]) is false
                && ((start >= 1 && Negations.Contains(words[start - 1])) || (start >= 2 && Negations.Contains(words[start - 2]))))
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

    private static bool WordMatches(string word, string pattern)
    {
        if (pattern.EndsWith('*'))
        {
            return word.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal);
        }

        // Typos are mended before the cues are read (SpellingCorrector); guessing again here would turn
        // "wanted" into the cue "wasted" and "looked" into "locked".
        return word == pattern;
    }
}
