namespace InterviewTextLine.Core.Conversations;

/// <summary>What the engine decided to do with one inbound text.</summary>
public enum DecisionKind
{
    /// <summary>Save <see cref="Decision.Next"/> (with the message's receipt) and send the reply.</summary>
    Save,

    /// <summary>Send the reply and store nothing (bad input: nothing about the conversation changes).</summary>
    ReplyOnly,

    /// <summary>Store nothing and say nothing (the texter has opted out).</summary>
    Ignore,

    /// <summary>Erase everything stored about the texter, then send the reply.</summary>
    Forget,
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
}
