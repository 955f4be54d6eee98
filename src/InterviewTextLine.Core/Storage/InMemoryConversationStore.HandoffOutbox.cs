namespace InterviewTextLine.Core.Storage;

/// <remarks>The handoff outbox, in memory: rows by request id, each a value replaced whole, like a table row.</remarks>
public sealed partial class InMemoryConversationStore
{
    private readonly Dictionary<string, HandoffEntry> _outbox = new(StringComparer.Ordinal);

    public Task AddAsync(HandoffEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _outbox.TryAdd(entry.RequestId, entry with { Situations = [.. entry.Situations] });
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<HandoffEntry>> ReadDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<HandoffEntry> due = [.. _outbox.Values.Where(entry => entry.ReadyAt <= now).OrderBy(entry => entry.ReadyAt).ThenBy(entry => entry.RequestId, StringComparer.Ordinal).Take(max)];
            return Task.FromResult(due);
        }
    }

    public Task RescheduleAsync(string requestId, int attempts, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_outbox.TryGetValue(requestId, out var entry))
            {
                _outbox[requestId] = entry with { Attempts = attempts, NextAttemptAt = nextAttemptAt };
            }
        }

        return Task.CompletedTask;
    }

    public Task RemoveAsync(string requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _outbox.Remove(requestId);
        }

        return Task.CompletedTask;
    }

    /// <summary>Every outbox row as stored, for tests that look for what must not be kept.</summary>
    public IReadOnlyList<HandoffEntry> OutboxRows()
    {
        lock (_gate)
        {
            return [.. _outbox.Values];
        }
    }

    private void RemoveOutboxRows(TexterId texter)
    {
        foreach (var id in _outbox.Where(pair => pair.Value.Texter == texter).Select(pair => pair.Key).ToList())
        {
            _outbox.Remove(id);
        }
    }
}
