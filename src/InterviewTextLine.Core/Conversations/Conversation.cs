using System.Collections.Immutable;
using InterviewTextLine.Core.FollowUps;

namespace InterviewTextLine.Core.Conversations;

/// <summary>
/// What the line keeps about one texter: where they are in the flow and the choices they made.
/// Never their messages, never their number.
/// </summary>
public sealed record Conversation
{
    /// <summary>The current state's id in the flow script.</summary>
    public required string StateId { get; init; }

    /// <summary>The situation the texter is in (a situation id from the script), once they picked one.</summary>
    public string? Situation { get; init; }

    /// <summary>The ids of the states the texter moved through, in order; the email summary is built from them.</summary>
    public ImmutableList<string> Path { get; init; } = [];

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset LastMessageAt { get; init; }

    /// <summary>
    /// The language the line speaks with this texter (<c>en</c>, <c>es</c>): picked from their first
    /// text, changed by ESPAÑOL or ENGLISH. Null in records written before the line spoke two: English.
    /// </summary>
    public string? Language { get; init; }

    /// <summary>True after an opt-out keyword until an opt-in keyword.</summary>
    public bool OptedOut { get; init; }

    /// <summary>The address for the follow-up summary, if the texter asked for one.</summary>
    public string? Email { get; init; }

    public FollowUp? FollowUp { get; init; }

    /// <summary>A fresh conversation at the script's start state.</summary>
    public static Conversation Start(string startState, DateTimeOffset now) =>
        new() { StateId = startState, StartedAt = now, LastMessageAt = now };
}
