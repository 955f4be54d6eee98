namespace InterviewTextLine.Core.Flow;

/// <summary>
/// The words of a plea for help in one language, folded (lower case, no accents). A whole text of a help word and
/// nothing but the small words around one ("pls help me", "ayudame por favor") is taken for HELP rather than left to a
/// model's guess: they are a panicking texter's first words.
/// </summary>
public sealed record PleaWords
{
    /// <summary>The words that ask for help ("help", "ayudame").</summary>
    public IReadOnlyList<string> Help { get; init; } = [];

    /// <summary>The small words a plea may come with ("me", "please", "necesito").</summary>
    public IReadOnlyList<string> With { get; init; } = [];
}

/// <summary>
/// How a texter asks for a person and answers the consent question in one language, folded. Rules, not the model: a
/// request for a person must win before anything guesses, and consent to share a number must be a clear YES, never
/// a model's reading of "ok". The single words that ask for a person are the language's TALK keywords.
/// </summary>
public sealed record TalkWords
{
    /// <summary>Whole texts (without the courtesy words around them) that ask for a person ("can someone call me").</summary>
    public IReadOnlyList<string> Phrases { get; init; } = [];

    /// <summary>Courtesy words a request or an answer may come with ("please", "gracias").</summary>
    public IReadOnlyList<string> Courtesy { get; init; } = [];

    /// <summary>Answers that consent to share the texter's number ("yes", "si").</summary>
    public IReadOnlyList<string> Yes { get; init; } = [];

    /// <summary>Answers that decline it ("no", "not now").</summary>
    public IReadOnlyList<string> No { get; init; } = [];
}
