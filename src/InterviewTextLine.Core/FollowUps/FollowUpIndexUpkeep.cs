using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.Core.FollowUps;

/// <summary>
/// Keeps the follow-up index in step with the follow-ups. A new entry always goes in before an old one
/// comes out, so a crash in between leaves an extra (stale-tolerant) entry rather than none.
/// </summary>
internal sealed class FollowUpIndexUpkeep(IFollowUpIndex index)
{
    public Task AddAsync(TexterId texter, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        index.AddEntryAsync(texter, dueAt, cancellationToken);

    /// <summary>Removes the entry the sweep found and, when the follow-up stood under another time, that one too.</summary>
    public async Task RemoveAsync(FollowUpIndexEntry entry, DateTimeOffset? indexedAt, CancellationToken cancellationToken)
    {
        await index.RemoveEntryAsync(entry, cancellationToken);
        if (indexedAt is { } other && other != entry.DueAt)
        {
            await index.RemoveEntryAsync(new FollowUpIndexEntry(entry.Texter, other), cancellationToken);
        }
    }

    /// <summary>Removes what the follow-up was indexed under, unless that is <paramref name="keep"/>.</summary>
    public Task RemoveAllButAsync(FollowUpIndexEntry entry, DateTimeOffset? indexedAt, DateTimeOffset keep, CancellationToken cancellationToken) =>
        RemoveAsync(entry, indexedAt == keep ? null : indexedAt, cancellationToken);
}
