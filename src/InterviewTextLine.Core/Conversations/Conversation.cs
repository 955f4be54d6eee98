using System.Collections.Immutable;

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

    /// <summary>True after an opt-out keyword until an opt-in keyword.</summary>
    public bool OptedOut { get; init; }

    /// <summary>The address for the follow-up summary, if the texter asked for one.</summary>
    public string? Email { get; init; }

    public FollowUp? FollowUp { get; init; }

    /// <summary>A fresh conversation at the script's start state.</summary>
    public static Conversation Start(string startState, DateTimeOffset now) =>
        new() { StateId = startState, StartedAt = now, LastMessageAt = now };
}

/// <summary>Where the one follow-up email of a conversation stands.</summary>
public enum FollowUpStatus
{
    /// <summary>Waiting for <see cref="FollowUp.DueAt"/>.</summary>
    Scheduled,

    /// <summary>A sweep took it and is sending it.</summary>
    Claimed,

    /// <summary>The email provider accepted it. Never sent again.</summary>
    Sent,

    /// <summary>Gave up: attempts ran out, or the outcome of a claimed send is unknown.</summary>
    Failed,

    /// <summary>NOEMAIL or STOP cancelled it.</summary>
    Cancelled,
}

/// <summary>The state of one follow-up email.</summary>
public sealed record FollowUp
{
    public required FollowUpStatus Status { get; init; }

    /// <summary>When the email is due: the texter's last message plus the configured delay.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>
    /// The due time under which the follow-up index holds an entry for this conversation, if any.
    /// Later texts push <see cref="DueAt"/> back without touching the index (to keep an inbound text at
    /// one read and one write); the sweep that finds the early entry moves it.
    /// </summary>
    public DateTimeOffset? IndexedAt { get; init; }

    /// <summary>Send attempts so far.</summary>
    public int Attempts { get; init; }

    /// <summary>Earliest time of the next attempt after a failure or a rate limit.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset? ClaimedAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    /// <summary>A short machine-readable reason for the last failure (never personal data).</summary>
    public string? LastError { get; init; }
}
