using System.Text;
using System.Text.RegularExpressions;

namespace InterviewTextLine.Core.Flow;

/// <summary>
/// The <c>{Name}</c> placeholders a script text may use, and how they are filled in. The validator
/// fills each with its longest possible value to prove every text stays within its SMS budget.
/// </summary>
public static partial class Placeholders
{
    public const string ProgramName = "ProgramName";
    public const string HelpContact = "HelpContact";
    public const string ProgramUrl = "ProgramUrl";
    public const string EmergencyNumber = "EmergencyNumber";
    public const string Hint = "Hint";
    public const string Delay = "Delay";
    public const string Reason = "Reason";
    public const string First = "First";
    public const string FirstNumber = "FirstNumber";
    public const string Second = "Second";
    public const string SecondNumber = "SecondNumber";

    /// <summary>When to expect contact from a person ("today", "Monday from 9am"), in the handoff texts.</summary>
    public const string When = "When";

    /// <summary>Every known placeholder with the longest value it can take (options cap their lengths).</summary>
    public static IReadOnlyDictionary<string, int> MaxLengths { get; } = new Dictionary<string, int>
    {
        [ProgramName] = Configuration.ProgramOptions.MaxNameLength,
        [HelpContact] = Configuration.ProgramOptions.MaxHelpContactLength,
        [ProgramUrl] = Configuration.ProgramOptions.MaxUrlLength,
        [EmergencyNumber] = 6,
        [Delay] = 20,
        [When] = Handoffs.OfficeHours.MaxPhraseLength,
    };

    /// <summary>Placeholders only some texts can use.</summary>
    public static IReadOnlySet<string> Contextual { get; } = new HashSet<string> { Hint, Delay, Reason, First, FirstNumber, Second, SecondNumber, When };

    /// <summary>The values of the placeholders any text may use, from the program's settings.</summary>
    public static IReadOnlyDictionary<string, string> Of(Configuration.ProgramOptions program)
    {
        ArgumentNullException.ThrowIfNull(program);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ProgramName] = program.Name,
            [HelpContact] = program.HelpContact,
            [ProgramUrl] = program.Url,
            [EmergencyNumber] = program.EmergencyNumber,
        };
    }

    public static IEnumerable<string> Names(string text) =>
        PlaceholderPattern().Matches(text).Select(match => match.Groups[1].Value);

    /// <summary>Replaces each <c>{Name}</c> with its value; unknown names are left as they are.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(values);
        if (!text.Contains('{', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 64);
        var last = 0;
        foreach (Match match in PlaceholderPattern().Matches(text))
        {
            builder.Append(text, last, match.Index - last);
            builder.Append(values.TryGetValue(match.Groups[1].Value, out var value) ? value : match.Value);
            last = match.Index + match.Length;
        }

        builder.Append(text, last, text.Length - last);
        return builder.ToString();
    }

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex PlaceholderPattern();
}
