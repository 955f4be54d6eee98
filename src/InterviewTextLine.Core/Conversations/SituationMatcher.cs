using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.Core.Conversations;

/// <summary>
/// Finds the situation a text points to from anywhere in the flow: its menu number, one of its
/// keywords (a typo forgiven), or free-text cues such as "he was so rude" or "the salary is way too low".
/// </summary>
internal sealed class SituationMatcher
{
    /// <summary>When cues for several situations match equally, the one that protects the texter most wins.</summary>
    private static readonly string[] TieOrder = ["rude", "dealbreaker", "unsure", "notforme"];

    /// <summary>Free-text words this long may carry a typo; shorter ones ("pay", "odd") must be exact.</summary>
    private const int CueTypoMinLength = 6;

    private readonly Dictionary<int, string> _byNumber;
    private readonly List<(string Situation, string[] Words)> _keywords;
    private readonly List<(string Situation, string[] Words)> _cues;

    public SituationMatcher(FlowScript script)
    {
        _byNumber = script.Situations.ToDictionary(pair => pair.Value.Number, pair => pair.Key);
        _keywords = [.. script.Situations.SelectMany(pair => pair.Value.Keywords.Select(k => (pair.Key, Split(k))))];
        _cues = [.. script.Cues.SelectMany(cue => cue.Phrases.Select(p => (cue.Situation, Split(p))))];
    }

    public string? Match(IReadOnlyList<string> words)
    {
        if (words.Count == 0)
        {
            return null;
        }

        if (TextMatcher.Number(words) is { } number)
        {
            return _byNumber.GetValueOrDefault(number);
        }

        foreach (var (situation, keyword) in _keywords)
        {
            if (keyword.SequenceEqual(words) || (words.Count == 1 && keyword.Length == 1 && TextMatcher.IsCloseTo(words[0], keyword[0])))
            {
                return situation;
            }
        }

        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (situation, phrase) in _cues)
        {
            if (Contains(words, phrase))
            {
                scores[situation] = scores.GetValueOrDefault(situation) + 1;
            }
        }

        if (scores.Count == 0)
        {
            return null;
        }

        var best = scores.Values.Max();
        return scores.Where(pair => pair.Value == best)
            .Select(pair => pair.Key)
            .OrderBy(situation => Array.IndexOf(TieOrder, situation) is var i && i >= 0 ? i : int.MaxValue)
            .First();
    }

    private static string[] Split(string phrase) =>
        [.. phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => word.EndsWith('*') ? TextMatcher.Normalize(word[..^1]) + "*" : TextMatcher.Normalize(word))];

    private static bool Contains(IReadOnlyList<string> words, string[] phrase)
    {
        for (var start = 0; start + phrase.Length <= words.Count; start++)
        {
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

        return word == pattern || (pattern.Length >= CueTypoMinLength && word.Length >= CueTypoMinLength && TextMatcher.IsOneEditAway(word, pattern));
    }
}
