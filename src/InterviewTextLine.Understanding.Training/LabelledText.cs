using System.Text.Json;
using System.Text.Json.Serialization;

namespace InterviewTextLine.Understanding.Training;

/// <summary>
/// One labelled text of the corpus: what a texter sent, where they were in the flow, and what the
/// line must take it to mean.
/// </summary>
/// <param name="Text">The text as a texter would send it.</param>
/// <param name="State">
/// <see cref="FirstText"/> for the first text of a new texter, otherwise the id of the state the texter was in.
/// </param>
/// <param name="Expect">
/// A situation id, a reply in reach of that state (<c>YES</c>, <c>OUT</c>), a command (<c>WORDS</c>,
/// <c>DONE</c>, <c>MENU</c>, <c>EMAIL</c>, <c>HELP</c>), or <c>none</c>. For a text with two problems, the
/// weightier one.
/// </param>
/// <param name="Also">For a text with two problems, the other one; null otherwise.</param>
public sealed record LabelledText(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("expect")] string Expect,
    [property: JsonPropertyName("also")] string? Also = null)
{
    /// <summary>The state of a first text.</summary>
    public const string FirstText = "start";

    public bool IsFirstText => State == FirstText;

    /// <summary>Reads a JSON Lines corpus: one object per line, blank lines skipped.</summary>
    /// <exception cref="FormatException">A line is not a labelled text; the message names the line.</exception>
    public static IReadOnlyList<LabelledText> ReadJsonLines(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var texts = new List<LabelledText>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var text = JsonSerializer.Deserialize<LabelledText>(line);
                texts.Add(text is { Text: not null, State: not null, Expect: not null }
                    ? text
                    : throw new FormatException($"Line {number} needs \"text\", \"state\" and \"expect\"."));
            }
            catch (JsonException exception)
            {
                throw new FormatException($"Line {number} is not JSON: {exception.Message}", exception);
            }
        }

        return texts;
    }
}
