using InterviewTextLine.Core.Conversations;

namespace InterviewTextLine.Understanding.Rules;

/// <summary>
/// Mends one-slip typos inside a sentence ("intervewer is beeing super rdue"), so the cues and the
/// sentence model read what the texter meant.
/// </summary>
/// <remarks>
/// Only a word that no vocabulary knows, even without a common ending ("flops", "recruiter"), is
/// touched, and only when it is one edit (an insertion, deletion, substitution or swap of
/// neighbours) from a target word. The line's own words (its script, cues and synonyms) are the
/// preferred targets; the model's vocabulary, in its order, which roughly follows how common a word
/// is, serves only longer words, because it is full of names ("icky" must not become "ricky"). A
/// known word is never changed: "fired" stays "fired" although "hired" is one edit away.
/// </remarks>
public sealed class SpellingCorrector
{
    /// <summary>Shorter words collide too easily ("pay", "pat", "par") to be guessed at.</summary>
    public const int MinLength = TextMatcher.TypoMinLength;

    /// <summary>Only words this long are mended towards the model's vocabulary.</summary>
    public const int MinLengthForVocabulary = 6;

    /// <summary>Endings that make a known word into another real one, in the language mended (its script's words).</summary>
    private readonly IReadOnlyList<string> _endings;

    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<(string Word, int Rank, bool Line)>> _targetsByLength = [];

    /// <param name="lineWords">The line's own vocabulary, the preferred targets.</param>
    /// <param name="modelWords">The model's vocabulary in its order: known, and targets for longer words.</param>
    /// <param name="otherWords">More real words that are never targets (slang such as "tbh" and "lol").</param>
    /// <param name="endings">Endings that make a known word into another real one ("ed", "ing"); none when null.</param>
    public SpellingCorrector(IEnumerable<string> lineWords, IEnumerable<string> modelWords, IEnumerable<string>? otherWords = null, IReadOnlyList<string>? endings = null)
    {
        ArgumentNullException.ThrowIfNull(lineWords);
        ArgumentNullException.ThrowIfNull(modelWords);
        _endings = endings ?? [];
        var rank = 0;
        foreach (var (word, line) in lineWords.Select(w => (w, true)).Concat(modelWords.Select(w => (w, false))))
        {
            if (word.Length > 0 && word.All(char.IsAsciiLetterLower) && _known.Add(word) && word.Length >= MinLength - 1)
            {
                if (!_targetsByLength.TryGetValue(word.Length, out var list))
                {
                    _targetsByLength[word.Length] = list = [];
                }

                // Insertion order is preference order: the line's words, then the model's by rank.
                list.Add((word, rank++, line));
            }
        }

        _known.UnionWith(otherWords ?? []);
    }

    /// <summary>True for a word of a vocabulary, or such a word with a common ending.</summary>
    public bool IsKnown(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (_known.Contains(word))
        {
            return true;
        }

        foreach (var ending in _endings)
        {
            if (word.Length > ending.Length + 2 && word.EndsWith(ending, StringComparison.Ordinal))
            {
                var stem = word[..^ending.Length];
                if (_known.Contains(stem) || _known.Contains(stem + "e") || (stem.Length > 3 && stem[^1] == stem[^2] && _known.Contains(stem[..^1])))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The words with each unknown word of <see cref="MinLength"/> or more letters mended when a target is one edit away.</summary>
    public IReadOnlyList<string> Correct(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        string[]? corrected = null;
        for (var i = 0; i < words.Count; i++)
        {
            if (Mend(words[i]) is { } mended)
            {
                corrected ??= [.. words];
                corrected[i] = mended;
            }
        }

        return corrected ?? words;
    }

    /// <summary>The mended form of one lower-case word, or null when it stays as it is.</summary>
    public string? Mend(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length < MinLength || !word.All(char.IsAsciiLetterLower) || IsKnown(word))
        {
            return null;
        }

        var vocabularyToo = word.Length >= MinLengthForVocabulary;
        string? best = null;
        var bestRank = int.MaxValue;
        for (var length = word.Length - 1; length <= word.Length + 1; length++)
        {
            if (!_targetsByLength.TryGetValue(length, out var targets))
            {
                continue;
            }

            foreach (var (target, rank, line) in targets)
            {
                if (rank >= bestRank || (!line && !vocabularyToo))
                {
                    break;
                }

                if (TextMatcher.IsOneEditAway(word, target))
                {
                    best = target;
                    bestRank = rank;
                    break;
                }
            }
        }

        return best;
    }
}
