using InterviewTextLine.Core.Conversations;

namespace InterviewTextLine.Core.Storage;

/// <summary>
/// Where conversations live: one texter's conversation, its ETag and its message receipts. Two
/// implementations keep the same semantics: an in-memory store for local runs and tests, and Azure
/// Table Storage. One contract test suite runs against both.
/// </summary>
/// <remarks>
/// ETags are opaque strings. Every conditional write that finds a different ETag (or, for a new
/// conversation, finds one already there) throws <see cref="ConcurrencyConflictException"/>; so does a
/// save whose message id is already recorded. The caller reloads and decides again.
/// </remarks>
public interface IConversationStore
{
    /// <summary>
    /// One read for an inbound message: the texter's conversation (or none) and the receipt for
    /// <paramref name="messageId"/> if that message was already handled.
    /// </summary>
    Task<ConversationSnapshot> ReadForMessageAsync(TexterId texter, string messageId, CancellationToken cancellationToken);

    /// <summary>
    /// One atomic write for an inbound message: saves <paramref name="conversation"/> if the stored ETag
    /// still equals <paramref name="expectedETag"/> (null: only if there is none) and records
    /// <paramref name="receipt"/>. Returns the new ETag.
    /// </summary>
    Task<string> SaveWithReceiptAsync(TexterId texter, Conversation conversation, string? expectedETag, MessageReceipt receipt, CancellationToken cancellationToken);

    /// <summary>The texter's conversation and its ETag, or null; no receipt is looked up.</summary>
    Task<StoredConversation?> ReadAsync(TexterId texter, CancellationToken cancellationToken);

    /// <summary>Replaces the conversation if its ETag is still <paramref name="expectedETag"/>, recording no receipt. Returns the new ETag.</summary>
    Task<string> ReplaceAsync(TexterId texter, Conversation conversation, string expectedETag, CancellationToken cancellationToken);

    /// <summary>Erases everything stored for the texter: conversation, receipts and follow-up index entries.</summary>
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

    /// <summary>Entries due at or before <paramref name="now"/>, earliest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<FollowUpIndexEntry>> ReadDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Removes one entry; removing a missing entry is not an error.</summary>
    Task RemoveEntryAsync(FollowUpIndexEntry entry, CancellationToken cancellationToken);
}

/// <summary>Finds conversations for the retention sweep.</summary>
public interface IIdleConversationScan
{
    /// <summary>Texters whose last message was before <paramref name="idleSince"/>.</summary>
    IAsyncEnumerable<TexterId> FindIdleAsync(DateTimeOffset idleSince, CancellationToken cancellationToken);
}

/// <summary>The result of <see cref="IConversationStore.ReadForMessageAsync"/>.</summary>
/// <param name="Conversation">The stored conversation, or null for a new texter.</param>
/// <param name="ETag">The conversation's ETag, or null when there is none.</param>
/// <param name="Receipt">The receipt of the message being handled, when it was handled before.</param>
public sealed record ConversationSnapshot(Conversation? Conversation, string? ETag, MessageReceipt? Receipt);

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
