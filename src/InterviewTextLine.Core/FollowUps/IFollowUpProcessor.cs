namespace InterviewTextLine.Core.FollowUps;

/// <summary>
/// Sends the follow-up emails that are due. The timer function, <c>textline serve</c>'s schedule,
/// <c>textline followups --send</c> and <c>textline chat</c>'s <c>/wait</c> all run this one sweep.
/// </summary>
public interface IFollowUpProcessor
{
    /// <summary>Finds due follow-ups, claims each, sends it and records the outcome.</summary>
    Task<FollowUpSweepResult> RunAsync(CancellationToken cancellationToken);
}

/// <summary>What one sweep did.</summary>
/// <param name="Sent">Emails the provider accepted, with where each went (a file path for the outbox).</param>
/// <param name="Retried">Follow-ups that failed this time and will be tried again later.</param>
/// <param name="Failed">Follow-ups given up on.</param>
/// <param name="Skipped">Index entries that were stale, cancelled, or not yet due.</param>
/// <param name="StoppedEarly">True when the run hit its time budget and left work for the next run.</param>
public sealed record FollowUpSweepResult(IReadOnlyList<string> Sent, int Retried, int Failed, int Skipped, bool StoppedEarly);
