using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.Core.FollowUps;

/// <summary>
/// How one sweep pages through the due entries of the follow-up index: a batch at a time, earliest
/// first, each entry at most once, and past any number of entries it could not settle.
/// </summary>
/// <remarks>
/// <para>
/// Entries a sweep could not settle (a live claim, a store error) stay in the index; remembering the ones
/// already handed out keeps one sweep from picking them up again and again.
/// </para>
/// <para>
/// When a whole batch is entries already handed out, the next read starts after the last of them, so a page
/// of unsettled entries never hides the due ones behind it. Reading on from there is safe: entries are only
/// ever added at a time still to come (a new summary, a retry, a moved entry), never behind the sweep.
/// </para>
/// </remarks>
internal sealed class DueEntryPages(IFollowUpIndex index, TimeProvider time)
{
    internal const int BatchSize = 100;

    private readonly HashSet<FollowUpIndexEntry> _seen = [];
    private FollowUpIndexEntry? _after;

    /// <summary>The next batch of due entries this sweep has not seen; empty when there are none left.</summary>
    public async Task<IReadOnlyList<FollowUpIndexEntry>> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var due = await index.ReadDueAsync(time.GetUtcNow(), _after, BatchSize, cancellationToken);
            var fresh = due.Where(_seen.Add).ToList();
            if (fresh.Count > 0 || due.Count < BatchSize)
            {
                return fresh;
            }

            _after = due[^1];
        }
    }
}
