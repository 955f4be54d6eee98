using System.Text;

namespace InterviewTextLine.Core.FollowUps;

/// <summary>What can happen to a follow-up; each is one method of <see cref="FollowUp"/>.</summary>
public enum FollowUpTrigger
{
    /// <summary>EMAIL with an address: a new follow-up, from no follow-up or any earlier one.</summary>
    Schedule,

    /// <summary>A later text moves the due time.</summary>
    PushBack,

    /// <summary>The sweep moves an early index entry to the due time.</summary>
    MoveIndex,

    /// <summary>NOEMAIL or STOP.</summary>
    Cancel,

    /// <summary>A sweep takes a ready follow-up to send it.</summary>
    Claim,

    /// <summary>The sweep hands an unsent claim back.</summary>
    Release,

    /// <summary>The provider accepted the email.</summary>
    MarkSent,

    /// <summary>Attempts ran out, the provider refused it, or the send's outcome is unknown.</summary>
    Fail,

    /// <summary>A failed attempt to try again later.</summary>
    Retry,

    /// <summary>The provider asked to wait.</summary>
    RateLimited,
}

/// <summary>One allowed move: from <paramref name="From"/> (null: no follow-up yet) by <paramref name="Trigger"/> to <paramref name="To"/>.</summary>
public sealed record FollowUpTransition(FollowUpStatus? From, FollowUpTrigger Trigger, FollowUpStatus To);

/// <summary>Every move a follow-up can make, declared in one place and drawn as a diagram (docs/email.md).</summary>
public static class FollowUpTransitions
{
    public static IReadOnlyList<FollowUpTransition> All { get; } =
    [
        new(null, FollowUpTrigger.Schedule, FollowUpStatus.Scheduled),
        new(FollowUpStatus.Scheduled, FollowUpTrigger.Schedule, FollowUpStatus.Scheduled),
        new(FollowUpStatus.Scheduled, FollowUpTrigger.PushBack, FollowUpStatus.Scheduled),
        new(FollowUpStatus.Scheduled, FollowUpTrigger.MoveIndex, FollowUpStatus.Scheduled),
        new(FollowUpStatus.Scheduled, FollowUpTrigger.Cancel, FollowUpStatus.Cancelled),
        new(FollowUpStatus.Scheduled, FollowUpTrigger.Claim, FollowUpStatus.Claimed),
        new(FollowUpStatus.Claimed, FollowUpTrigger.Release, FollowUpStatus.Scheduled),
        new(FollowUpStatus.Claimed, FollowUpTrigger.Retry, FollowUpStatus.Scheduled),
        new(FollowUpStatus.Claimed, FollowUpTrigger.RateLimited, FollowUpStatus.Scheduled),
        new(FollowUpStatus.Claimed, FollowUpTrigger.MarkSent, FollowUpStatus.Sent),
        new(FollowUpStatus.Claimed, FollowUpTrigger.Fail, FollowUpStatus.Failed),

        // A new EMAIL replaces a follow-up whatever became of it. A claim it replaces is no longer the
        // sweep's, so that sweep writes no outcome over it.
        new(FollowUpStatus.Claimed, FollowUpTrigger.Schedule, FollowUpStatus.Scheduled),
        new(FollowUpStatus.Sent, FollowUpTrigger.Schedule, FollowUpStatus.Scheduled),
        new(FollowUpStatus.Failed, FollowUpTrigger.Schedule, FollowUpStatus.Scheduled),
        new(FollowUpStatus.Cancelled, FollowUpTrigger.Schedule, FollowUpStatus.Scheduled),
    ];

    private static readonly Dictionary<(FollowUpStatus?, FollowUpTrigger), FollowUpStatus> Targets =
        All.ToDictionary(transition => (transition.From, transition.Trigger), transition => transition.To);

    /// <summary>True when a follow-up in <paramref name="from"/> may make the move <paramref name="trigger"/>.</summary>
    public static bool Allows(FollowUpStatus? from, FollowUpTrigger trigger) => Targets.ContainsKey((from, trigger));

    /// <summary>The status <paramref name="trigger"/> leads to from <paramref name="from"/>; refuses a move not declared.</summary>
    internal static FollowUpStatus Require(FollowUpStatus? from, FollowUpTrigger trigger) =>
        Targets.TryGetValue((from, trigger), out var to)
            ? to
            : throw new InvalidFollowUpTransitionException(from, trigger);

    /// <summary>The lifecycle as a Mermaid state diagram; moves between the same two states share one arrow.</summary>
    public static string ToMermaid()
    {
        var diagram = new StringBuilder().Append("stateDiagram-v2\n");
        foreach (var arrow in All.GroupBy(transition => (transition.From, transition.To)))
        {
            var from = arrow.Key.From?.ToString() ?? "[*]";
            diagram.Append("    ").Append(from).Append(" --> ").Append(arrow.Key.To)
                .Append(" : ").AppendJoin(", ", arrow.Select(transition => transition.Trigger)).Append('\n');
        }

        return diagram.ToString();
    }
}
