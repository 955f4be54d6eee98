namespace InterviewTextLine.Core.Understanding;

/// <summary>What a text was taken to mean.</summary>
public enum MeaningKind
{
    /// <summary>Nothing the line can act on: the menu for a first text, a hint otherwise.</summary>
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

/// <summary>The understanding of one text.</summary>
/// <param name="Kind">What kind of meaning.</param>
/// <param name="Value">The situation, reply, command or address.</param>
/// <param name="Second">For <see cref="MeaningKind.Clarify"/>, the second likeliest situation.</param>
/// <param name="ByModel">True when the sentence model decided it, false when a rule did.</param>
public sealed record Meaning(MeaningKind Kind, string? Value = null, string? Second = null, bool ByModel = false)
{
    public static Meaning Nothing { get; } = new(MeaningKind.Nothing);

    /// <summary>A global keyword ("HELP", "WORDS", "OPTOUT") as the command it means.</summary>
    public static Meaning Of(Conversations.Keyword keyword) => new(MeaningKind.Command, keyword.ToString().ToUpperInvariant());

    /// <summary>The corpus label this meaning answers: a situation, a reply, a command, <c>clarify</c> or <c>none</c>.</summary>
    public string Label => Kind switch
    {
        MeaningKind.Nothing => LabelledText.Nothing,
        MeaningKind.Email => Commands.Email,
        MeaningKind.Clarify => "clarify",
        _ => Value!,
    };

    /// <summary>True when the line understood it well enough to act (not a question back, not a fallback).</summary>
    public bool IsUnderstood => Kind is not (MeaningKind.Nothing or MeaningKind.Clarify);
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
