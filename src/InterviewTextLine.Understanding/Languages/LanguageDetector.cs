using InterviewTextLine.Core.Understanding;

namespace InterviewTextLine.Understanding.Languages;

/// <summary>
/// Which of the line's languages a text is written in, by its words: each word that one language uses far more
/// than the others (counted over that language's training texts and script) is a vote for it, and a language
/// needs more votes than all the others together. Words both languages use ("ok", "email", "1") are no vote, and
/// a one-word text counts only when its word is one language's alone, so a short shared text ("no") leaves the
/// texter in their language, and code-switched text ("el manager fue
/// super rude") goes to the language of most of its words.
/// </summary>
public sealed class LanguageDetector : ILanguageDetector
{
    /// <summary>How many times more often (per word of each vocabulary) one language must use a word for it to vote.</summary>
    public const double Dominance = 4;

    /// <summary>The fewest votes that switch the language of a texter already in a conversation.</summary>
    public const int MidConversationVotes = 3;

    private readonly Dictionary<string, string> _language;
    private readonly HashSet<string> _onlyOne;

    /// <param name="vocabularies">Per language, each word and how many texts of that language use it.</param>
    public LanguageDetector(IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> vocabularies)
    {
        ArgumentNullException.ThrowIfNull(vocabularies);
        var totals = vocabularies.ToDictionary(pair => pair.Key, pair => Math.Max(1, pair.Value.Values.Sum()), StringComparer.Ordinal);
        _language = new Dictionary<string, string>(StringComparer.Ordinal);
        _onlyOne = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in vocabularies.Values.SelectMany(words => words.Keys).Distinct(StringComparer.Ordinal))
        {
            var rates = vocabularies
                .Select(pair => (Language: pair.Key, Rate: (double)pair.Value.GetValueOrDefault(word) / totals[pair.Key]))
                .OrderByDescending(pair => pair.Rate)
                .ToList();
            var runnerUp = rates.Count > 1 ? rates[1].Rate : 0;
            if (rates[0].Rate > 0 && rates[0].Rate >= Dominance * runnerUp)
            {
                _language[word] = rates[0].Language;
                if (runnerUp == 0)
                {
                    _onlyOne.Add(word);
                }
            }
        }
    }

    /// <summary>The language <paramref name="word"/> votes for, or null for a word the languages share or neither knows.</summary>
    public string? LanguageOf(string word) => _language.GetValueOrDefault(word);

    public string? Detect(TextReading text, bool midConversation)
    {
        ArgumentNullException.ThrowIfNull(text);
        // One word is little evidence: it names a language only when no other language's texts use it ("ayuda", not
        // "no", which English texters send too).
        if (text.Words.Count == 1 && !_onlyOne.Contains(text.Words[0]))
        {
            return null;
        }

        var votes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in text.Words)
        {
            if (_language.TryGetValue(word, out var language))
            {
                votes[language] = votes.GetValueOrDefault(language) + 1;
            }
        }

        if (votes.Count == 0)
        {
            return null;
        }

        var (best, count) = votes.MaxBy(pair => pair.Value);
        var others = votes.Values.Sum() - count;
        return count > others && (!midConversation || count >= MidConversationVotes) ? best : null;
    }
}
