using System.Collections.Immutable;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Storage;

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

    /// <summary>Email addresses accepted in this conversation; the line takes a limited number (<see cref="Configuration.LimitsOptions.AddressesPerConversation"/>).</summary>
    public int AddressesGiven { get; init; }

    /// <summary>When the window of the reply cap began (its first reply); null before any reply.</summary>
    public DateTimeOffset? RepliesSince { get; init; }

    /// <summary>Replies sent since <see cref="RepliesSince"/>; the cap is <see cref="Configuration.LimitsOptions.RepliesPerNumber"/>.</summary>
    public int Replies { get; init; }

    /// <summary>
    /// The receipts of the texter's last messages, with the replies sent, so that a re-delivered message gets
    /// its first reply and changes nothing. Stores add one with every save of a handled message.
    /// </summary>
    public MessageReceipts Receipts { get; init; } = MessageReceipts.Empty;

    /// <summary>A fresh conversation at the script's start state.</summary>
    public static Conversation Start(string startState, DateTimeOffset now) =>
        new() { StateId = startState, StartedAt = now, LastMessageAt = now };
}
