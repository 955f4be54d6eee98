using System.Text.Json;
using System.Text.Json.Serialization;

namespace InterviewTextLine.Core.Understanding;

/// <summary>
/// One labelled text of the corpus: what a texter sent, where they were in the flow, and what the
/// line must take it to mean.
/// </summary>
/// <param name="Text">The text as a texter would send it.</param>
/// <param name="State">
/// <see cref="LabelledText.FirstText"/> for the first text of a new texter, otherwise the id of the
/// state the texter was in.
/// </param>
/// <param name="Expect">
/// A situation id, an option reply of that state (<c>YES</c>, <c>OUT</c>), a command (<c>WORDS</c>,
/// <c>DONE</c>, <c>MENU</c>, <c>EMAIL</c>, <c>HELP</c>), or <see cref="LabelledText.Nothing"/>.
/// </param>
public sealed record LabelledText(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("expect")] string Expect)
{
    /// <summary>The state of a first text.</summary>
    public const string FirstText = "start";

    /// <summary>The label of a text that means nothing the line can act on.</summary>
    public const string Nothing = "none";

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

/// <summary>The labelled texts the sentence model matches against, per language, as a service.</summary>
public sealed record TrainingExamples(IReadOnlyDictionary<string, IReadOnlyList<LabelledText>> Languages)
{
    /// <summary>The examples in <paramref name="language"/>; none for a language without a corpus.</summary>
    public IReadOnlyList<LabelledText> For(string language) => Languages.TryGetValue(language, out var texts) ? texts : [];
}
