using InterviewTextLine.Core.Conversations;

namespace InterviewTextLine.Core.Storage;

/// <summary>
/// Where conversations live: one texter's conversation, with its ETag and the receipts of their last messages
/// (<see cref="Conversation.Receipts"/>). Two implementations keep the same semantics: an in-memory store for
/// local runs and tests, and Azure Table Storage. One contract test suite runs against both.
/// </summary>
/// <remarks>
/// <para>
/// ETags are opaque strings. Every conditional write that finds a different ETag (or, for a new
/// conversation, finds one already there) throws <see cref="ConcurrencyConflictException"/>; so does a
/// save whose message id is already among the conversation's receipts. The caller reloads and decides again.
/// </para>
/// <para>
/// A texter's storage is bounded: the conversation carries at most <see cref="MessageReceipts.Capacity"/>
/// receipts, so however long someone texts, their data is one conversation of a fixed maximum size.
/// </para>
/// <para>
/// What FORGET leaves behind (<see cref="ForgetRemainder"/>) takes the conversation's place: a read finds the reply
/// cap's tally (<see cref="ConversationSnapshot.Tally"/>) or an opted-out conversation, and the first save replaces it.
/// A stored conversation that cannot be read (a corrupt column) reads as none, flagged
/// <see cref="ConversationSnapshot.Unreadable"/>, with its ETag, so the texter starts afresh and the save replaces it.
/// </para>
/// </remarks>
public interface IConversationStore
{
    /// <summary>
    /// One read for an inbound message: the texter's conversation (or none, with the reply tally FORGET left, if
    /// any) and the receipt for <paramref name="messageId"/> if that message was already handled.
    /// </summary>
    Task<ConversationSnapshot> ReadForMessageAsync(TexterId texter, string messageId, CancellationToken cancellationToken);

    /// <summary>
    /// One atomic write for an inbound message: saves <paramref name="conversation"/> with
    /// <paramref name="receipt"/> added to its receipts (the oldest dropped past <see cref="MessageReceipts.Capacity"/>)
    /// if the stored ETag still equals <paramref name="expectedETag"/> (null: only if there is none). Returns the new ETag.
    /// </summary>
    Task<string> SaveWithReceiptAsync(TexterId texter, Conversation conversation, string? expectedETag, MessageReceipt receipt, CancellationToken cancellationToken);

    /// <summary>The texter's conversation and its ETag, or null (none, only a reply tally, or unreadable); no receipt is looked up.</summary>
    Task<StoredConversation?> ReadAsync(TexterId texter, CancellationToken cancellationToken);

    /// <summary>Replaces the conversation (receipts included) if its ETag is still <paramref name="expectedETag"/>. Returns the new ETag.</summary>
    Task<string> ReplaceAsync(TexterId texter, Conversation conversation, string expectedETag, CancellationToken cancellationToken);

    /// <summary>
    /// FORGET: erases everything stored for the texter, follow-up index entries first and the conversation last
    /// (so an interrupted erase leaves the conversation to find and erase again, never a part nothing leads to),
    /// putting <paramref name="remainder"/> in the conversation's place in the same last write, then records that
    /// <paramref name="messageId"/> did so (<see cref="ForgetTombstone"/>). Returns false, and changes nothing, when
    /// that message was already carried out: a re-delivered FORGET never erases a conversation the texter started
    /// afterwards.
    /// </summary>
    Task<bool> ForgetAsync(TexterId texter, string messageId, ForgetRemainder remainder, CancellationToken cancellationToken);

    /// <summary>Erases everything stored for the texter (follow-up index entries first, the conversation last), recording nothing.</summary>
    Task DeleteAsync(TexterId texter, CancellationToken cancellationToken);
}

/// <summary>
/// The index of pending follow-ups by due time, so a sweep reads only what is due. Entries may be stale
/// (the conversation moved its due time, or is gone): the index is a hint and the conversation decides.
/// </summary>
public interface IFollowUpIndex
{
    /// <summary>Adds (or keeps) an entry saying the texter's follow-up is due at <paramref name="dueAt"/>.</summary>
    Task AddEntryAsync(TexterId texter, DateTimeOffset dueAt, CancellationToken cancellationToken);

    /// <summary>
    /// Entries due at or before <paramref name="now"/>, earliest first (then by texter id), at most
    /// <paramref name="max"/>, starting after <paramref name="after"/> (null: from the earliest).
    /// </summary>
    Task<IReadOnlyList<FollowUpIndexEntry>> ReadDueAsync(DateTimeOffset now, FollowUpIndexEntry? after, int max, CancellationToken cancellationToken);

    /// <summary>Removes one entry; removing a missing entry is not an error.</summary>
    Task RemoveEntryAsync(FollowUpIndexEntry entry, CancellationToken cancellationToken);
}

/// <summary>
/// What the retention sweep walks: every conversation and every other row of the store, a page at a time in key
/// order, so a sweep can stop within its time budget and the next one continue from a saved checkpoint.
/// </summary>
public interface IRetentionScan
{
    /// <summary>
    /// The next page of the scan, from <paramref name="resumeAt"/> (a <see cref="RetentionPage.ResumeAt"/>; null:
    /// the beginning), looking at up to about <paramref name="pageSize"/> rows.
    /// </summary>
    /// <param name="idleSince">Conversations whose last message is before this are idle.</param>
    /// <param name="forgottenBefore">FORGET records older than this have served their purpose.</param>
    /// <param name="expiredBefore">Reply tallies and address claims that expired before this have too.</param>
    /// <param name="resumeAt">Where the previous page ended, or null.</param>
    /// <param name="pageSize">About how many rows to look at.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<RetentionPage> ReadPageAsync(DateTimeOffset idleSince, DateTimeOffset forgottenBefore, DateTimeOffset expiredBefore, string? resumeAt, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes leftovers a page found (<see cref="RetentionPage.Leftovers"/>); a missing one is not an error, and
    /// neither is one written again since the page was read (a tally a new text replaced, an address claimed
    /// again), which is left alone.
    /// </summary>
    Task DeleteLeftoversAsync(IReadOnlyList<string> leftovers, CancellationToken cancellationToken);

    /// <summary>Where an unfinished sweep stopped, or null when the last one finished.</summary>
    Task<string?> ReadCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>Saves where the sweep got to; null clears it (the sweep finished).</summary>
    Task WriteCheckpointAsync(string? resumeAt, CancellationToken cancellationToken);
}

/// <summary>One page of the retention scan.</summary>
/// <param name="Idle">Texters whose conversation has been idle since before the cut-off.</param>
/// <param name="Leftovers">
/// Rows nothing reads any more, as opaque keys for <see cref="IRetentionScan.DeleteLeftoversAsync"/>: FORGET
/// records past their time, expired reply tallies and address claims, and rows without a conversation that an
/// older version of the line wrote (a message receipt row in a partition whose conversation is gone, say).
/// </param>
/// <param name="ResumeAt">Where the next page starts, or null when the scan is complete.</param>
public sealed record RetentionPage(IReadOnlyList<TexterId> Idle, IReadOnlyList<string> Leftovers, string? ResumeAt)
{
    /// <summary>
    /// The state each idle conversation of <see cref="Idle"/> was left in, keyed by the texter id's value: where it
    /// went quiet, for the funnel (a state id of the script, nothing else of the conversation).
    /// </summary>
    public IReadOnlyDictionary<string, string> IdleStates { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>The result of <see cref="IConversationStore.ReadForMessageAsync"/>.</summary>
/// <param name="Conversation">The stored conversation, or null for a new texter.</param>
/// <param name="ETag">The conversation's ETag, or null when there is none.</param>
/// <param name="Receipt">The receipt of the message being handled, when it was handled before.</param>
public sealed record ConversationSnapshot(Conversation? Conversation, string? ETag, MessageReceipt? Receipt)
{
    /// <summary>With no conversation: the reply cap's tally FORGET left in its place, if any (it may have expired).</summary>
    public ReplyTally? Tally { get; init; }

    /// <summary>
    /// True when a conversation is stored but cannot be read (a corrupt column): <see cref="Conversation"/> is null,
    /// <see cref="ETag"/> is the unreadable row's, and the next save replaces it.
    /// </summary>
    public bool Unreadable { get; init; }
}

/// <summary>A conversation and its ETag.</summary>
public sealed record StoredConversation(TexterId Texter, Conversation Conversation, string ETag);

/// <summary>
/// The record that a message id was handled, with the reply that was sent, so that a re-delivery of
/// the same message gets the same reply and changes nothing. <paramref name="Reply"/> null: no reply.
/// </summary>
public sealed record MessageReceipt(string MessageId, string? Reply, DateTimeOffset HandledAt);

/// <summary>An entry of the follow-up index.</summary>
public sealed record FollowUpIndexEntry(TexterId Texter, DateTimeOffset DueAt);

/// <summary>
/// A conditional write lost a race: the conversation changed, appeared, or the message id was recorded
/// since it was read.
/// </summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException()
        : base("The conversation changed since it was read.")
    {
    }

    public ConcurrencyConflictException(string message)
        : base(message)
    {
    }

    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
