using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.Core.FollowUps;

/// <summary>
/// How one sweep pages through the due entries of the follow-up index: a batch at a time, earliest
/// first, each entry at most once.
/// </summary>
/// <remarks>
/// Entries a sweep could not settle (a live claim, a store error) stay in the index; remembering the ones
/// already handed out keeps one sweep from picking them up again and again.
/// </remarks>
internal sealed class DueEntryPages(IFollowUpIndex index, TimeProvider time)
{
    internal const int BatchSize = 100;

    private readonly HashSet<FollowUpIndexEntry> _seen = [];

    /// <summary>The next batch of due entries this sweep has not seen; empty when there are none left.</summary>
    public async Task<IReadOnlyList<FollowUpIndexEntry>> NextAsync(CancellationToken cancellationToken)
    {
        var due = await index.ReadDueAsync(time.GetUtcNow(), BatchSize, cancellationToken);
        return due.Where(_seen.Add).ToList();
    }
}
