using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using InterviewTextLine.Core.Conversations;

namespace InterviewTextLine.Core.Storage;

/// <summary>
/// The embedded store for local runs and tests. It keeps everything in process memory and loses it
/// on exit: it is not for production. It has the same ETag, receipt and index semantics as the
/// Table Storage store, which the shared contract tests prove.
/// </summary>
public sealed class InMemoryConversationStore : IConversationStore, IFollowUpIndex, IIdleConversationScan
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TexterId, Partition> _partitions = [];
    private readonly SortedSet<(DateTimeOffset DueAt, string Texter)> _index = [];
    private long _version;

    public Task<ConversationSnapshot> ReadForMessageAsync(TexterId texter, string messageId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_partitions.TryGetValue(texter, out var partition))
            {
                return Task.FromResult(new ConversationSnapshot(null, null, null));
            }

            partition.Receipts.TryGetValue(messageId, out var receipt);
            return Task.FromResult(new ConversationSnapshot(partition.Conversation, partition.ETag, receipt));
        }
    }

    public Task<string> SaveWithReceiptAsync(TexterId texter, Conversation conversation, string? expectedETag, MessageReceipt receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(receipt);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _partitions.TryGetValue(texter, out var partition);
            if (partition?.ETag != expectedETag)
            {
                throw new ConcurrencyConflictException();
            }

            if (partition is not null && partition.Receipts.ContainsKey(receipt.MessageId))
            {
                throw new ConcurrencyConflictException("The message was already handled.");
            }

            partition ??= new Partition();
            partition.Conversation = conversation;
            partition.ETag = NextETag();
            partition.Receipts[receipt.MessageId] = receipt;
            _partitions[texter] = partition;
            return Task.FromResult(partition.ETag);
        }
    }

    public Task<StoredConversation?> ReadAsync(TexterId texter, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(
                _partitions.TryGetValue(texter, out var partition) && partition.Conversation is not null && partition.ETag is not null
                    ? new StoredConversation(texter, partition.Conversation, partition.ETag)
                    : null);
        }
    }

    public Task<string> ReplaceAsync(TexterId texter, Conversation conversation, string expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_partitions.TryGetValue(texter, out var partition) || partition.ETag != expectedETag)
            {
                throw new ConcurrencyConflictException();
            }

            partition.Conversation = conversation;
            partition.ETag = NextETag();
            return Task.FromResult(partition.ETag);
        }
    }

    public Task DeleteAsync(TexterId texter, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _partitions.Remove(texter);
            _index.RemoveWhere(entry => entry.Texter == texter.Value);
        }

        return Task.CompletedTask;
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

    public Task<IReadOnlyList<FollowUpIndexEntry>> ReadDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<FollowUpIndexEntry> due = _index
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

    public async IAsyncEnumerable<TexterId> FindIdleAsync(DateTimeOffset idleSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<TexterId> idle;
        lock (_gate)
        {
            idle = _partitions
                .Where(pair => pair.Value.Conversation is { } conversation && conversation.LastMessageAt < idleSince)
                .Select(pair => pair.Key)
                .ToList();
        }

        foreach (var texter in idle)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return texter;
        }
    }

    private string NextETag() => Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);

    private sealed class Partition
    {
        public Conversation? Conversation { get; set; }

        public string? ETag { get; set; }

        public ConcurrentDictionary<string, MessageReceipt> Receipts { get; } = new(StringComparer.Ordinal);
    }
}
