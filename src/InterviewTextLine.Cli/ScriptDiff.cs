using System.Text.Json;
using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.Cli;

/// <summary>What a new version of the scripts changes, as <c>textline publish</c> prints it: states added and removed, and texts changed.</summary>
internal static class ScriptDiff
{
    public static IReadOnlyList<string> Describe(IReadOnlyList<FlowScript> before, IReadOnlyList<FlowScript> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var lines = new List<string>();
        foreach (var script in after)
        {
            var old = before.FirstOrDefault(candidate => candidate.Language == script.Language);
            if (old is null)
            {
                lines.Add($"{script.Language}: new language");
                continue;
            }

            var language = script.Language;
            lines.AddRange(script.States.Where(state => !old.HasState(state.Id)).Select(state => $"{language}: state '{state.Id}' added"));
            lines.AddRange(old.States.Where(state => !script.HasState(state.Id)).Select(state => $"{language}: state '{state.Id}' removed (conversations there start again at the welcome)"));
            foreach (var state in script.States.Where(state => old.HasState(state.Id)))
            {
                var was = old.State(state.Id);
                Changed(lines, $"{language}: state '{state.Id}'", [("text", was.Text, state.Text), ("hint", was.Hint, state.Hint), ("words", was.Words, state.Words), ("why", was.Why, state.Why)]);
                if (Json(was.Options) != Json(state.Options))
                {
                    lines.Add($"{language}: state '{state.Id}' options changed");
                }
            }

            foreach (var (key, text) in script.Messages)
            {
                Changed(lines, $"{language}: message '{key}'", [("text", old.Messages.GetValueOrDefault(key), text)]);
            }

            if (Json(old.Situations) != Json(script.Situations))
            {
                lines.Add($"{language}: situations changed (keywords, titles or the email)");
            }
        }

        return lines;
    }

    private static void Changed(List<string> lines, string what, (string Part, string? Before, string? After)[] parts)
    {
        foreach (var (part, was, now) in parts.Where(part => part.Before != part.After))
        {
            lines.Add($"{what} {part}: \"{Short(was)}\" -> \"{Short(now)}\"");
        }
    }

    private static string Short(string? text) =>
        text is null ? "(none)" : (text.Length > 60 ? text[..57] + "..." : text).ReplaceLineEndings(" ");

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
