namespace InterviewTextLine.Core.Storage;

/// <summary>
/// The outbox of call-back requests: one row per request a texter consented to, holding what the office's email
/// needs, the number encrypted (<see cref="Privacy.NumberProtector"/>), until the sender emails it, gives up on it or
/// finds it cancelled; then the row, and the number with it, is deleted. Keyed by the request's id, a hash that
/// names neither the number nor the texter; FORGET deletes a texter's rows with the rest of their data.
/// </summary>
/// <remarks>
/// The conversation decides: the row is written before the conversation's save and read by the sender only to find
/// the conversation, whose <see cref="Handoffs.Handoff"/> says whether the request still stands. A row nothing
/// refers to (a save that lost its race, a STOP) is dropped unsent.
/// </remarks>
public interface IHandoffOutbox
{
    /// <summary>Adds the row; a row with the same id already there (a retried text) is left as it is.</summary>
    Task AddAsync(HandoffEntry entry, CancellationToken cancellationToken);

    /// <summary>Rows ready by <paramref name="now"/> (<see cref="HandoffEntry.ReadyAt"/>), earliest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<HandoffEntry>> ReadDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt: the row is tried again at <paramref name="nextAttemptAt"/>. A missing row is not an error.</summary>
    Task RescheduleAsync(string requestId, int attempts, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>Deletes the row, and the number in it; deleting a missing row is not an error.</summary>
    Task RemoveAsync(string requestId, CancellationToken cancellationToken);
}

/// <summary>One row of the handoff outbox.</summary>
/// <param name="RequestId">The request's id (<see cref="Handoffs.HandoffRecorder.RequestId"/>): the row key.</param>
/// <param name="Texter">Whose conversation decides whether it still stands.</param>
/// <param name="ProtectedNumber">The texter's number, encrypted; never stored any other way.</param>
/// <param name="Language">The texter's language.</param>
/// <param name="Situations">The situation ids of the conversation, in order.</param>
/// <param name="RequestedAt">When the texter said YES.</param>
public sealed record HandoffEntry(string RequestId, TexterId Texter, string ProtectedNumber, string Language, IReadOnlyList<string> Situations, DateTimeOffset RequestedAt)
{
    /// <summary>Send attempts that failed so far.</summary>
    public int Attempts { get; init; }

    /// <summary>When to try again after a failed attempt; null before any.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The earliest time the sender may take it.</summary>
    public DateTimeOffset ReadyAt => NextAttemptAt ?? RequestedAt;
}
