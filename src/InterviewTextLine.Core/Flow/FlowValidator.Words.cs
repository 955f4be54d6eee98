using System.Text.RegularExpressions;
using InterviewTextLine.Core.Conversations;

namespace InterviewTextLine.Core.Flow;

/// <summary>The checks of a script's own words (<see cref="ScriptWords"/>), and of what a set of scripts must say about each other.</summary>
public static partial class FlowValidator
{
    /// <summary>The words the code uses are complete: a language added as data fails here, not in front of a texter.</summary>
    private static void CheckWords(FlowScript script, KeywordTable keywords, List<string> problems)
    {
        var words = script.Words;
        if (string.IsNullOrWhiteSpace(script.Language))
        {
            problems.Add("The script names no language.");
        }

        if (string.IsNullOrWhiteSpace(words.Leave))
        {
            problems.Add("The script's words give no word to leave ('leave').");
        }

        problems.AddRange(KeywordSwitches(script, keywords));

        foreach (var help in words.Help.Where(help => !IsPattern(help.Pattern)))
        {
            problems.Add($"The HELP pattern for {help.Element} is not a regular expression.");
        }

        if (!words.FollowUpSubject.Contains("{" + Placeholders.ProgramName + "}", StringComparison.Ordinal))
        {
            problems.Add($"The follow-up subject must name the program with {{{Placeholders.ProgramName}}}.");
        }

        CheckTimeWords(words.Time, problems);
    }

    private static void CheckTimeWords(TimeWords time, List<string> problems)
    {
        foreach (var (name, unit) in new[] { ("minute", time.Minute), ("hour", time.Hour), ("day", time.Day) }.Where(pair => pair.Item2.Count != 2))
        {
            problems.Add($"The time word '{name}' needs its one and its many forms, e.g. [\"{name}\", \"{name}s\"].");
        }

        if (time.Weekdays.Count != 7)
        {
            problems.Add("The time words need the seven days of the week, Sunday first.");
            return;
        }

        if (!time.Opening.Contains("{Day}", StringComparison.Ordinal) || !time.Opening.Contains("{Time}", StringComparison.Ordinal) || !time.Clock.Contains("{Hour}", StringComparison.Ordinal))
        {
            problems.Add("The opening must hold {Day} and {Time}, and the clock {Hour}.");
            return;
        }

        // The longest "when to expect contact" must fit the budget the texts were checked with ({When}).
        var longest = Enumerable.Range(0, 24).Select(hour => new TimeSpan(hour, 30, 0))
            .SelectMany(at => Enumerable.Range(0, 7).Select(day => time.SayOpening(2, (DayOfWeek)day, at)))
            .Append(time.SayOpening(1, DayOfWeek.Sunday, new TimeSpan(12, 30, 0)))
            .MaxBy(phrase => phrase.Length)!;
        if (longest.Length > Handoffs.OfficeHours.MaxPhraseLength)
        {
            problems.Add($"The time words say an opening in up to {longest.Length} characters ('{longest}'); the budget of {{{Placeholders.When}}} is {Handoffs.OfficeHours.MaxPhraseLength}.");
        }
    }

    /// <summary>
    /// What the scripts of a line must say about each other, beyond each one's lint: every translation matches the first
    /// script (<see cref="CompareWith"/>), no word is two languages' different keywords, no two share a language or a
    /// switch word, and each welcome shows how to switch to another language, for a texter who reads it in the wrong one.
    /// </summary>
    public static IReadOnlyList<string> CompareAll(IReadOnlyList<FlowScript> scripts, bool translations = true)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        var problems = new List<string>();
        if (translations)
        {
            problems.AddRange(scripts.Skip(1).SelectMany(translation => CompareWith(scripts[0], translation)));
        }

        problems.AddRange(KeywordsBetween(scripts));
        foreach (var word in scripts.SelectMany(script => script.Words.Switch).GroupBy(word => word, StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            problems.Add($"The switch word '{word.Key}' is given by more than one language.");
        }

        foreach (var script in scripts.Where(script => script.HasState(script.Start)))
        {
            var switches = scripts.Where(other => other.Language != script.Language).SelectMany(other => other.Words.Switch).ToList();
            if (switches.Count > 0 && !switches.Any(word => Mentions(TextMatcher.Fold(script.State(script.Start).Text), word)))
            {
                problems.Add($"{script.Language}: the welcome ('{script.Start}') must say how to switch language ({string.Join(" or ", switches)}).");
            }
        }

        return problems;
    }

    private static bool IsPattern(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
