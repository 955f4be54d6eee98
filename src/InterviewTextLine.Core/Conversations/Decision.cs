namespace InterviewTextLine.Core.Conversations;

/// <summary>What the engine decided to do with one inbound text.</summary>
public enum DecisionKind
{
    /// <summary>
    /// Save <see cref="Decision.Next"/> (with the message's receipt) and send the reply. For input the line cannot
    /// use, <see cref="Decision.Next"/> is the conversation as it was: only the receipt and the reply cap change.
    /// </summary>
    Save,

    /// <summary>Store nothing and say nothing (the texter has opted out).</summary>
    Ignore,

    /// <summary>Store nothing and say nothing: the number is past its reply cap (<see cref="LimitKind.Replies"/>).</summary>
    Capped,

    /// <summary>
    /// Erase everything stored about the texter except <see cref="Decision.Remainder"/> (the reply cap's tally, or
    /// the opt-out of a texter who sent STOP first), then send the reply, if any.
    /// </summary>
    Forget,
}

/// <summary>Which cap of <see cref="Configuration.LimitsOptions"/> a text ran into.</summary>
public enum LimitKind
{
    /// <summary>Replies per number per window: the text got no reply.</summary>
    Replies,

    /// <summary>One summary per conversation: EMAIL was refused.</summary>
    Summaries,

    /// <summary>Addresses per conversation: EMAIL was refused.</summary>
    Addresses,

    /// <summary>HELP replies per window: the HELP got no reply.</summary>
    Help,
}

/// <summary>The engine's answer to one inbound text.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Next">The conversation to save, for <see cref="DecisionKind.Save"/>.</param>
/// <param name="Reply">The SMS text to send back, or null for none.</param>
/// <param name="IndexFollowUpAt">When set, the follow-up index needs an entry at this time before the save.</param>
public sealed record Decision(DecisionKind Kind, Conversation? Next, string? Reply, DateTimeOffset? IndexFollowUpAt = null)
{
    /// <summary>What the text was understood to mean, when it went past the exact keywords; null otherwise.</summary>
    public Understanding.Meaning? Meaning { get; init; }

    /// <summary>The cap this text ran into, if any.</summary>
    public LimitKind? Limit { get; init; }

    /// <summary>For <see cref="DecisionKind.Forget"/>: what stays in place of the erased conversation.</summary>
    public Storage.ForgetRemainder Remainder { get; init; } = Storage.ForgetRemainder.Nothing;

    /// <summary>
    /// An address this decision schedules a summary to, when the conversation has not claimed it yet: it must be
    /// claimed first (<see cref="Storage.IAddressClaims"/>), and if another conversation holds it,
    /// <see cref="IfAddressTaken"/> is what happens instead.
    /// </summary>
    public string? AddressToClaim { get; init; }

    /// <summary>The decision to apply instead when <see cref="AddressToClaim"/> is taken: EMAIL refused.</summary>
    public Decision? IfAddressTaken { get; init; }

    /// <summary>
    /// A request for a person the texter just consented to: the number's claim for the day comes first
    /// (<see cref="Handoffs.HandoffRecorder"/>), then the outbox row, then the save; if the number already had its
    /// handoff today, <see cref="IfHandoffTaken"/> is what happens instead.
    /// </summary>
    public Handoffs.HandoffRequest? Handoff { get; init; }

    /// <summary>The decision to apply instead when the number already had its handoff today: TALK refused.</summary>
    public Decision? IfHandoffTaken { get; init; }

    /// <summary>What asking for a person did in this text, if anything (counted by <c>textline.handoffs</c>).</summary>
    public Handoffs.HandoffStep? HandoffStep { get; init; }
    /// <summary>For WRONG right after a situation's advice: that situation's id (a misroute to count); null otherwise.</summary>
    public string? Misrouted { get; init; }
}
