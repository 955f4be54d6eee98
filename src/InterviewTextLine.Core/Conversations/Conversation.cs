using System.Collections.Immutable;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.Core.Conversations;

/// <summary>
/// What the line keeps about one texter: where they are in the flow and the choices they made.
/// Never their messages, never their number.
/// </summary>
/// <remarks>
/// Equality is by value, lists included, so a conversation read back from any store equals the one
/// that was saved.
/// </remarks>
public sealed record Conversation
{
    /// <summary>The most situations <see cref="Situations"/> keeps; the oldest give way first.</summary>
    public const int MaxSituations = 8;

    /// <summary>The current state's id in the flow script.</summary>
    public required string StateId { get; init; }

    /// <summary>The situation the texter is in (a situation id from the script), once they picked one.</summary>
    public string? Situation { get; init; }

    /// <summary>The ids of the states the texter moved through, in order; the email summary is built from them.</summary>
    public ImmutableList<string> Path { get; init; } = [];

    /// <summary>
    /// The ids of the situations the texter went through, each once, in the order they first reached it
    /// (at most <see cref="MaxSituations"/>); the email summary covers each of them.
    /// </summary>
    public ImmutableList<string> Situations { get; init; } = [];

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

    /// <summary>The texter's request for a person, if they asked for one: its status and id, never the number.</summary>
    public Handoffs.Handoff? Handoff { get; init; }

    /// <summary>Email addresses accepted in this conversation; the line takes a limited number (<see cref="Configuration.LimitsOptions.AddressesPerConversation"/>).</summary>
    public int AddressesGiven { get; init; }

    /// <summary>When the window of the reply cap began (its first reply); null before any reply.</summary>
    public DateTimeOffset? RepliesSince { get; init; }

    /// <summary>Replies sent since <see cref="RepliesSince"/>; the cap is <see cref="Configuration.LimitsOptions.RepliesPerNumber"/>.</summary>
    public int Replies { get; init; }

    /// <summary>Of <see cref="Replies"/>, the replies to HELP; HELP has a cap of its own (<see cref="Configuration.LimitsOptions.HelpPerWindow"/>).</summary>
    public int HelpReplies { get; init; }

    /// <summary>
    /// True when the line's last reply was a question back ("Is it ... or ...?"): the next text gets advice or the
    /// menu, never a second question.
    /// </summary>
    public bool AskedBack { get; init; }

    /// <summary>
    /// The receipts of the texter's last messages, with the replies sent, so that a re-delivered message gets
    /// its first reply and changes nothing. Stores add one with every save of a handled message.
    /// </summary>
    public MessageReceipts Receipts { get; init; } = MessageReceipts.Empty;

    /// <summary>A fresh conversation at the script's start state.</summary>
    public static Conversation Start(string startState, DateTimeOffset now) =>
        new() { StateId = startState, StartedAt = now, LastMessageAt = now };

    /// <summary><paramref name="situation"/> added to <see cref="Situations"/> when it is not there yet, dropping the oldest beyond the cap.</summary>
    public ImmutableList<string> WithVisited(string situation)
    {
        ArgumentNullException.ThrowIfNull(situation);
        if (Situations.Contains(situation))
        {
            return Situations;
        }

        var added = Situations.Add(situation);
        return added.Count > MaxSituations ? added.RemoveRange(0, added.Count - MaxSituations) : added;
    }

    public bool Equals(Conversation? other) =>
        other is not null
        && StateId == other.StateId
        && Situation == other.Situation
        && Path.SequenceEqual(other.Path)
        && Situations.SequenceEqual(other.Situations)
        && StartedAt == other.StartedAt
        && LastMessageAt == other.LastMessageAt
        && OptedOut == other.OptedOut
        && Email == other.Email
        && Equals(FollowUp, other.FollowUp)
        && Equals(Handoff, other.Handoff)
        && AddressesGiven == other.AddressesGiven
        && RepliesSince == other.RepliesSince
        && Replies == other.Replies
        && HelpReplies == other.HelpReplies
        && AskedBack == other.AskedBack
        && Language == other.Language
        && Equals(Receipts, other.Receipts);

    public override int GetHashCode() =>
        HashCode.Combine(StateId, Situation, Path.Count, Situations.Count, StartedAt, LastMessageAt, OptedOut, HashCode.Combine(Email, FollowUp));
}
