using InterviewTextLine.Core.Handoffs;

namespace InterviewTextLine.Core.Conversations;

/// <remarks>
/// TALK and the consent question, as decisions: <see cref="HandoffDesk"/> decides what they do, and this saves it like
/// any reply (the follow-up pushed back, the reply cap counted), keeping the open question the save would drop.
/// </remarks>
public sealed partial class ConversationEngine
{
    private Decision Hand(HandoffTurn turn, Conversation current, DateTimeOffset now)
    {
        var saved = Save(turn.Next, now, turn.Reply);
        var decision = saved with { Next = saved.Next! with { Handoff = turn.Next.Handoff }, HandoffStep = turn.Step, Handoff = turn.Request };
        return turn.Refusal is { } refusal
            ? decision with { IfHandoffTaken = Save(current, now, refusal) with { HandoffStep = HandoffStep.Refused } }
            : decision;
    }

    /// <summary>The reply cap over a decision to apply instead (an EMAIL or TALK refused), if there is one.</summary>
    private Decision? CapInstead(Decision? instead, DateTimeOffset now) => instead is null ? null : CapReplies(instead, now);
}
