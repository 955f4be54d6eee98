namespace InterviewTextLine.Core.Understanding;

/// <summary>What a text was taken to mean.</summary>
public enum MeaningKind
{
    /// <summary>Nothing the line can act on: the menu for a first text, the state's question again otherwise.</summary>
    Nothing,

    /// <summary>A situation to give advice for (<see cref="Meaning.Value"/> is its id).</summary>
    Situation,

    /// <summary>One of the current state's replies (<see cref="Meaning.Value"/> is the reply, e.g. <c>YES</c>).</summary>
    Option,

    /// <summary>One of the line's commands (<see cref="Meaning.Value"/> is <c>WORDS</c>, <c>WHY</c>, <c>DONE</c>, <c>MENU</c>, <c>HELP</c> or <c>EMAIL</c>).</summary>
    Command,

    /// <summary>An email address for the summary (<see cref="Meaning.Value"/> is the address as typed).</summary>
    Email,

    /// <summary>Unsure between two situations (<see cref="Meaning.Value"/> and <see cref="Meaning.Second"/>): ask.</summary>
    Clarify,
}

/// <summary>How a meaning was reached: by a rule, by the trained model, or not at all.</summary>
public enum MeaningSource
{
    /// <summary>An exact keyword, number, reply, address or sure danger phrase.</summary>
    Rule,

    /// <summary>The trained classifier and the decision policy over its probabilities.</summary>
    Model,
}

/// <summary>The understanding of one text.</summary>
/// <param name="Kind">What kind of meaning.</param>
/// <param name="Value">The situation, reply, command or address.</param>
/// <param name="Second">
/// For <see cref="MeaningKind.Clarify"/>, the second likeliest situation; for <see cref="MeaningKind.Situation"/>
/// (or an option that leads to one), another problem the same text names, which the reply mentions after the advice.
/// </param>
/// <param name="Source">Whether a rule or the model decided it.</param>
/// <param name="Confidence">The model's probability of what it chose (1 for a rule).</param>
public sealed record Meaning(MeaningKind Kind, string? Value = null, string? Second = null, MeaningSource Source = MeaningSource.Rule, double Confidence = 1)
{
    public static Meaning Nothing { get; } = new(MeaningKind.Nothing);

    /// <summary>
    /// A global keyword as the command it means, typed (<see cref="Command"/>), with its corpus label as
    /// <see cref="Value"/> (<c>WORDS</c>, <c>HELP</c>).
    /// </summary>
    public static Meaning Of(Conversations.Keyword keyword) =>
        new(MeaningKind.Command, keyword.ToString().ToUpperInvariant()) { Command = keyword };

    /// <summary>
    /// For <see cref="MeaningKind.Command"/>, the command: what the engine acts on and what the service counts, so no
    /// one reads the command back out of a string.
    /// </summary>
    public Conversations.Keyword Command { get; init; }

    /// <summary>The corpus label this meaning answers: a situation, a reply, a command, <c>clarify</c> or <c>none</c>.</summary>
    public string Label => Kind switch
    {
        MeaningKind.Nothing => Labels.Nothing,
        MeaningKind.Email => Commands.Email,
        MeaningKind.Clarify => Labels.Clarify,
        _ => Value!,
    };

    /// <summary>True when the line understood it well enough to act (not a question back, not a fallback).</summary>
    public bool IsUnderstood => Kind is not (MeaningKind.Nothing or MeaningKind.Clarify);

    /// <summary>True when the model decided it.</summary>
    public bool ByModel => Source == MeaningSource.Model;
}

/// <summary>The labels of the corpus and the model that are not situations, replies or commands.</summary>
public static class Labels
{
    /// <summary>A text that means nothing the line can act on.</summary>
    public const string Nothing = "none";

    /// <summary>The line asked a question back.</summary>
    public const string Clarify = "clarify";
}

/// <summary>The commands a text can mean, as the corpus and the script name them.</summary>
public static class Commands
{
    public const string Words = "WORDS";
    public const string Why = "WHY";
    public const string Done = "DONE";
    public const string Menu = "MENU";
    public const string Help = "HELP";
    public const string Email = "EMAIL";

    public static IReadOnlyList<string> All { get; } = [Words, Why, Done, Menu, Help, Email];
}
