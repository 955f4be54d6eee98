using InterviewTextLine.Core.Conversations;

namespace InterviewTextLine.Understanding.Classification;

/// <summary>
/// What the sentence model reads of a text: the folded text, up to the word where it has met
/// <see cref="MaxUnknownWords"/> words that neither the sentence model nor the language's texts know.
/// </summary>
/// <remarks>
/// The sentence model's cost grows with its tokens, and a word it does not know splits into several
/// ("qzvlwxt" is five), so 400 characters of random letters cost ten times a short text. No text of either
/// corpus holds eight unknown words, so real texts are read whole; only noise is cut, and its letter
/// n-grams still reach the classifier in full. Training reads its corpus through the same rule.
/// </remarks>
public static class SentenceText
{
    /// <summary>The unknown word at which the sentence model stops reading.</summary>
    public const int MaxUnknownWords = 8;

    /// <summary>The part of <paramref name="folded"/> the sentence model reads.</summary>
    /// <param name="folded">The folded text (<see cref="Core.Understanding.TextReading.Folded"/>).</param>
    /// <param name="known">The words the sentence model or the language's texts know.</param>
    public static string Bound(string folded, IReadOnlySet<string> known)
    {
        ArgumentNullException.ThrowIfNull(folded);
        ArgumentNullException.ThrowIfNull(known);
        var unknown = 0;
        var start = 0;
        while (start < folded.Length)
        {
            var end = folded.IndexOf(' ', start);
            end = end < 0 ? folded.Length : end;
            // The words of one space-separated piece as the vocabularies were counted ("pay,commute" is two).
            foreach (var word in TextMatcher.Words(folded[start..end]))
            {
                if (!word.All(char.IsAsciiDigit) && !known.Contains(word) && ++unknown == MaxUnknownWords)
                {
                    return folded[..start].TrimEnd();
                }
            }

            start = end + 1;
        }

        return folded;
    }
}
