using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core.Retention;

/// <summary>
/// Deletes every conversation idle for longer than <see cref="PrivacyOptions.RetentionDays"/> (with its follow-up
/// index entries), FORGET records as old, reply tallies and address claims that have expired, and rows nothing
/// reads any more.
/// </summary>
/// <remarks>
/// Finding them is a scan of the whole store, which grows with the number of texters, so a run works a page at a
/// time within <see cref="PrivacyOptions.RetentionRunBudget"/> and saves where it got to after every page. The next
/// run continues from there, and a run that reaches the end clears the checkpoint, so the following one starts
/// over. However large the store, every row is looked at within a bounded number of runs.
/// </remarks>
public sealed partial class RetentionSweeper(
    IRetentionScan scan,
    IConversationStore store,
    TimeProvider time,
    IOptions<PrivacyOptions> options,
    ILogger<RetentionSweeper> logger,
    Diagnostics.InsightMetrics? insights = null) : IRetentionSweeper
{
    /// <summary>Rows looked at per page: the most one Table Storage query returns.</summary>
    public int PageSize { get; init; } = 1000;

    public async Task<RetentionSweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var deadline = started + options.Value.RetentionRunBudget;
        var cutoff = started - TimeSpan.FromDays(options.Value.RetentionDays);
        var resumeAt = await scan.ReadCheckpointAsync(cancellationToken);
        if (resumeAt is not null)
        {
            LogResuming(logger);
        }

        var (deleted, leftovers) = (0, 0);
        do
        {
            var page = await scan.ReadPageAsync(cutoff, cutoff, started, resumeAt, PageSize, cancellationToken);
            foreach (var texter in page.Idle)
            {
                await store.DeleteAsync(texter, cancellationToken);
                if (page.IdleStates.TryGetValue(texter.Value, out var state))
                {
                    // A conversation the retention sweep deletes went quiet where it was, and nobody came back to it.
                    insights?.Quiet(state);
                }
            }

            await scan.DeleteLeftoversAsync(page.Leftovers, cancellationToken);
            (deleted, leftovers) = (deleted + page.Idle.Count, leftovers + page.Leftovers.Count);
            resumeAt = page.ResumeAt;
            await scan.WriteCheckpointAsync(resumeAt, cancellationToken);
        }
        while (resumeAt is not null && time.GetUtcNow() < deadline);

        var result = new RetentionSweepResult(deleted, leftovers, Finished: resumeAt is null);
        LogSwept(logger, deleted, options.Value.RetentionDays, leftovers, result.Finished);
        return result;
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Retention sweep deleted {Count} conversations idle for more than {Days} days and {Leftovers} leftover rows (finished: {Finished})")]
    private static partial void LogSwept(ILogger logger, int count, int days, int leftovers, bool finished);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Retention sweep continuing where the last run stopped")]
    private static partial void LogResuming(ILogger logger);
}
