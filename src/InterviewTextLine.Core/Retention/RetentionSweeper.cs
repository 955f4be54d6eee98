using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core.Retention;

/// <summary>
/// Deletes every conversation idle for longer than <see cref="PrivacyOptions.RetentionDays"/>, with
/// everything stored for it (receipts and follow-up index entries).
/// </summary>
public sealed partial class RetentionSweeper(
    IIdleConversationScan scan,
    IConversationStore store,
    TimeProvider time,
    IOptions<PrivacyOptions> options,
    ILogger<RetentionSweeper> logger) : IRetentionSweeper
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var idleSince = time.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);

        // Collected first: deleting while a store pages through its results could skip entries.
        var idle = new List<TexterId>();
        await foreach (var texter in scan.FindIdleAsync(idleSince, cancellationToken))
        {
            idle.Add(texter);
        }

        foreach (var texter in idle)
        {
            await store.DeleteAsync(texter, cancellationToken);
        }

        LogSwept(logger, idle.Count, options.Value.RetentionDays);
        return idle.Count;
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Retention sweep deleted {Count} conversations idle for more than {Days} days")]
    private static partial void LogSwept(ILogger logger, int count, int days);
}
