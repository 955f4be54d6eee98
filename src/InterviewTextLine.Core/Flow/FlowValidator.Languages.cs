namespace InterviewTextLine.Core.Flow;

/// <summary>The checks between the scripts of two languages.</summary>
public static partial class FlowValidator
{
    /// <summary>
    /// The ways a translation differs from the first language's script in anything but its words: the
    /// states, their kinds and situations, the options and where they lead, the situations' numbers and
    /// first states, the message keys, and the placeholders in every text. A texter who switches
    /// language mid-conversation stays in the same state, so both scripts must have it.
    /// </summary>
    public static IReadOnlyList<string> CompareWith(FlowScript first, FlowScript translation)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(translation);
        var problems = new List<string>();
        var language = translation.Language;
        if (language == first.Language)
        {
            problems.Add($"The translation's language is '{language}', the same as the first script's.");
        }

        Same(problems, language, "start state", first.Start, translation.Start);
        Same(problems, language, "done state", first.Done, translation.Done);
        Same(problems, language, "urgent situation", first.Urgent, translation.Urgent);
        Same(problems, language, "precedence", string.Join(",", first.Precedence), string.Join(",", translation.Precedence));
        Same(problems, language, "states", string.Join(",", first.States.Select(s => s.Id)), string.Join(",", translation.States.Select(s => s.Id)));
        Same(problems, language, "situations", Sorted(first.Situations.Keys), Sorted(translation.Situations.Keys));
        Same(problems, language, "messages", Sorted(first.Messages.Keys), Sorted(translation.Messages.Keys));
        Same(problems, language, "command phrases", Sorted(first.CommandPhrases.Keys), Sorted(translation.CommandPhrases.Keys));

        foreach (var (id, situation) in first.Situations)
        {
            if (translation.Situations.TryGetValue(id, out var translated))
            {
                Same(problems, language, $"situation '{id}' number", situation.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture), translated.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Same(problems, language, $"situation '{id}' first state", situation.Entry, translated.Entry);
            }
        }

        foreach (var state in first.States)
        {
            if (!translation.HasState(state.Id))
            {
                continue;
            }

            var translated = translation.State(state.Id);
            Same(problems, language, $"state '{state.Id}' kind", state.Kind.ToString(), translated.Kind.ToString());
            Same(problems, language, $"state '{state.Id}' situation", state.Situation, translated.Situation);
            Same(problems, language, $"state '{state.Id}' options", Options(state), Options(translated));
            SamePlaceholders(problems, language, $"state '{state.Id}' text", state.Text, translated.Text);
            SamePlaceholders(problems, language, $"state '{state.Id}' hint", state.Hint, translated.Hint);
            SamePlaceholders(problems, language, $"state '{state.Id}' words", state.Words, translated.Words);
        }

        foreach (var (key, text) in first.Messages)
        {
            if (translation.Messages.TryGetValue(key, out var translated))
            {
                SamePlaceholders(problems, language, $"message '{key}'", text, translated);
            }
        }

        return problems;
    }

    private static void Same(List<string> problems, string language, string what, string? first, string? translated)
    {
        if (!string.Equals(first, translated, StringComparison.Ordinal))
        {
            problems.Add($"The '{language}' script's {what} differ from the first script's: '{translated}' instead of '{first}'.");
        }
    }

    private static void SamePlaceholders(List<string> problems, string language, string what, string? first, string? translated)
    {
        if ((first is null) != (translated is null))
        {
            problems.Add($"The '{language}' script's {what} is {(translated is null ? "missing" : "there but the first script has none")}.");
            return;
        }

        if (first is not null && translated is not null)
        {
            Same(problems, language, what + " placeholders", Sorted(Placeholders.Names(first).Distinct()), Sorted(Placeholders.Names(translated).Distinct()));
        }
    }

    private static string Options(FlowState state) => string.Join(",", state.Options.Select(option => option.Reply + ">" + option.Goto));

    private static string Sorted(IEnumerable<string> items) => string.Join(",", items.Order(StringComparer.Ordinal));
}
