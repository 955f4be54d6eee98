using System.Globalization;
using InterviewTextLine.Core.Conversations;

namespace InterviewTextLine.Core.Storage;

/// <summary>
/// The embedded store for local runs and tests. It keeps everything in process memory and loses it
/// on exit: it is not for production. It has the same ETag, receipt, FORGET, index, address-claim and retention
/// semantics as the Table Storage store, which the shared contract tests prove. The handoff outbox is in
/// InMemoryConversationStore.HandoffOutbox.cs, the retention scan in InMemoryConversationStore.Retention.cs.
/// </summary>
public sealed partial class InMemoryConversationStore(TimeProvider? time = null) : IConversationStorage
{
    /// <summary>The key of the FORGET records in the retention scan's order, after every texter id (hex digits).</summary>
    private const string ForgottenPrefix = "forgotten/";

    /// <summary>The key of the address claims in the retention scan's order, after the FORGET records.</summary>
    private const string ClaimsPrefix = "summaries/";

    private readonly Lock _gate = new();
    private readonly Dictionary<TexterId, Row> _rows = [];
    private readonly SortedSet<(DateTimeOffset DueAt, string Texter)> _index = new(IndexOrder.Instance);
    private readonly Dictionary<string, DateTimeOffset> _tombstones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Claim> _claims = new(StringComparer.Ordinal);
    private string? _checkpoint;
    private long _version;

    public Task<ConversationSnapshot> ReadForMessageAsync(TexterId texter, string messageId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_rows.TryGetValue(texter, out var row)
                ? new ConversationSnapshot(row.Conversation, row.ETag, row.Conversation?.Receipts.Find(messageId)) { Tally = row.Tally }
                : new ConversationSnapshot(null, null, null));
        }
    }

    public Task<string> SaveWithReceiptAsync(TexterId texter, Conversation conversation, string? expectedETag, MessageReceipt receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(receipt);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var exists = _rows.TryGetValue(texter, out var stored);
            if ((exists ? stored!.ETag : null) != expectedETag)
            {
                throw new ConcurrencyConflictException();
            }

            if (conversation.Receipts.Find(receipt.MessageId) is not null)
            {
                throw new ConcurrencyConflictException("The message was already handled.");
            }

            var etag = NextETag();
            _rows[texter] = new Row(conversation with { Receipts = conversation.Receipts.Add(receipt) }, null, etag);
            return Task.FromResult(etag);
        }
    }

    public Task<StoredConversation?> ReadAsync(TexterId texter, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_rows.TryGetValue(texter, out var row) && row.Conversation is { } conversation
                ? new StoredConversation(texter, conversation, row.ETag)
                : null);
        }
    }

    public Task<string> ReplaceAsync(TexterId texter, Conversation conversation, string expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_rows.TryGetValue(texter, out var stored) || stored.Conversation is null || stored.ETag != expectedETag)
            {
                throw new ConcurrencyConflictException();
            }

            var etag = NextETag();
            _rows[texter] = new Row(conversation, null, etag);
            return Task.FromResult(etag);
        }
    }

    public Task<bool> ForgetAsync(TexterId texter, string messageId, ForgetRemainder remainder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remainder);
        var tombstone = ForgetTombstone.Key(texter, messageId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_tombstones.ContainsKey(tombstone))
            {
                return Task.FromResult(false);
            }

            Erase(texter);
            if (remainder.OptedOut is { } optedOut)
            {
                _rows[texter] = new Row(optedOut with { Receipts = MessageReceipts.Empty }, null, NextETag());
            }
            else if (remainder.Tally is { } tally)
            {
                _rows[texter] = new Row(null, tally, NextETag());
            }

            _tombstones[tombstone] = (time ?? TimeProvider.System).GetUtcNow();
            return Task.FromResult(true);
        }
    }

    public Task DeleteAsync(TexterId texter, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Erase(texter);
        }

        return Task.CompletedTask;
    }

    public Task<bool> TryClaimAddressAsync(AddressKey address, string claimant, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(address.Value);
        ArgumentException.ThrowIfNullOrEmpty(claimant);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_claims.TryGetValue(address.Value, out var held) && held.Until > now)
            {
                return Task.FromResult(string.Equals(held.Claimant, claimant, StringComparison.Ordinal));
            }

            _claims[address.Value] = new Claim(claimant, until, NextETag());
            return Task.FromResult(true);
        }
    }

    public Task AddEntryAsync(TexterId texter, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _index.Add((dueAt.ToUniversalTime(), texter.Value));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<FollowUpIndexEntry>> ReadDueAsync(DateTimeOffset now, FollowUpIndexEntry? after, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var entries = after is null
                ? _index
                : _index.Where(entry => IndexOrder.Instance.Compare(entry, (after.DueAt, after.Texter.Value)) > 0);
            IReadOnlyList<FollowUpIndexEntry> due = entries
                .TakeWhile(entry => entry.DueAt <= now)
                .Take(max)
                .Select(entry => new FollowUpIndexEntry(new TexterId(entry.Texter), entry.DueAt))
                .ToList();
            return Task.FromResult(due);
        }
    }

    public Task RemoveEntryAsync(FollowUpIndexEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _index.Remove((entry.DueAt.ToUniversalTime(), entry.Texter.Value));
        }

        return Task.CompletedTask;
    }

    private void Erase(TexterId texter)
    {
        // The order of the table store: index entries and outbox rows, then the conversation (one lock makes it atomic here).
        _index.RemoveWhere(entry => entry.Texter == texter.Value);
        RemoveOutboxRows(texter);
        _rows.Remove(texter);
    }

    private string NextETag() => Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);

    /// <summary>A texter's row: a conversation, or (after FORGET) only the reply cap's tally.</summary>
    private sealed record Row(Conversation? Conversation, ReplyTally? Tally, string ETag);

    /// <summary>Who holds an address, until when, and the version of the claim.</summary>
    private sealed record Claim(string Claimant, DateTimeOffset Until, string ETag);

    /// <summary>Due time, then texter id by ordinal: the order of the table store's row keys.</summary>
    private sealed class IndexOrder : IComparer<(DateTimeOffset DueAt, string Texter)>
    {
        public static IndexOrder Instance { get; } = new();

        public int Compare((DateTimeOffset DueAt, string Texter) x, (DateTimeOffset DueAt, string Texter) y)
        {
            var byTime = x.DueAt.UtcTicks.CompareTo(y.DueAt.UtcTicks);
            return byTime != 0 ? byTime : string.CompareOrdinal(x.Texter, y.Texter);
        }
    }
}
