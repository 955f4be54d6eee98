using System.Text.RegularExpressions;

namespace InterviewTextLine.Understanding.Rules;

/// <summary>
/// The clauses of a text: the parts between sentence marks, commas and dashes, each long enough to be about
/// something. A text that holds two problems usually gives each its own clause.
/// </summary>
public static partial class TextClauses
{
    /// <summary>The fewest words a clause needs to be read on its own.</summary>
    public const int MinWords = 3;

    /// <summary>The most clauses read; a longer text is usually a story whose problem the whole reading finds.</summary>
    public const int MaxClauses = 4;

    /// <summary>The clauses of <paramref name="folded"/> (a folded text); none when it has only one.</summary>
    public static IReadOnlyList<string> Of(string folded)
    {
        ArgumentNullException.ThrowIfNull(folded);
        var clauses = Boundary().Split(folded)
            .Select(clause => clause.Trim())
            .Where(clause => clause.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= MinWords)
            .Take(MaxClauses)
            .ToList();
        return clauses.Count >= 2 ? clauses : [];
    }

    [GeneratedRegex(@"[.!?;:]+\s+|,\s*|\s+-+\s+|\s+(?:and|but|also|plus|y|pero|encima|aparte|ademas|tambien)\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Boundary();
}
