using System.Text.RegularExpressions;

namespace InterviewTextLine.Understanding.Rules;

/// <summary>
/// Cuts a text into its clauses: the parts between sentence marks, commas, dashes and the language's connectives
/// ("but", "pero"), each long enough to be about something. A text that holds two problems usually gives each its
/// own clause, where the model can be sure of it.
/// </summary>
public sealed class TextClauses
{
    /// <summary>The fewest words a clause needs to be read on its own.</summary>
    public const int MinWords = 3;

    /// <summary>The most clauses read; the rest of a long story is left to the reading of the whole text.</summary>
    public const int MaxClauses = 4;

    private readonly Regex _boundary;

    /// <param name="connectives">The language's connectives, folded (<see cref="Core.Flow.FlowScript.Connectives"/>).</param>
    public TextClauses(IEnumerable<string> connectives)
    {
        ArgumentNullException.ThrowIfNull(connectives);
        var words = string.Join('|', connectives.Select(Regex.Escape));
        // Non-backtracking: linear in the text whatever it holds, so no text can make the cut slow and no timeout
        // can fail a busy machine's first match.
        _boundary = new Regex(
            @"[.!?;:]+\s+|,\s*|\s+-+\s+" + (words.Length > 0 ? $@"|\s+(?:{words})\s+" : ""),
            RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    /// <summary>The clauses of <paramref name="folded"/> (a folded text); none when it has fewer than two.</summary>
    public IReadOnlyList<string> Of(string folded)
    {
        ArgumentNullException.ThrowIfNull(folded);
        var clauses = _boundary.Split(folded)
            .Select(clause => clause.Trim())
            .Where(clause => clause.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= MinWords)
            .Take(MaxClauses)
            .ToList();
        return clauses.Count >= 2 ? clauses : [];
    }
}
