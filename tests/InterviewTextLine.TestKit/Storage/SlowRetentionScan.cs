using InterviewTextLine.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace InterviewTextLine.TestKit.Storage;

/// <summary>
/// A retention scan whose every page read takes <paramref name="perPage"/> on a fake clock, so a test can make a sweep
/// run out of its time budget at a known page; it also records where each read started.
/// </summary>
public sealed class SlowRetentionScan(IRetentionScan inner, FakeTimeProvider time, TimeSpan perPage) : IRetentionScan
{
    /// <summary>Where each page read started (null: the beginning).</summary>
    public List<string?> Reads { get; } = [];

    public async Task<RetentionPage> ReadPageAsync(
        DateTimeOffset idleSince, DateTimeOffset forgottenBefore, DateTimeOffset expiredBefore, string? resumeAt, int pageSize, CancellationToken cancellationToken)
    {
        Reads.Add(resumeAt);
        var page = await inner.ReadPageAsync(idleSince, forgottenBefore, expiredBefore, resumeAt, pageSize, cancellationToken);
        time.Advance(perPage);
        return page;
    }

    public Task DeleteLeftoversAsync(IReadOnlyList<string> leftovers, CancellationToken cancellationToken) => inner.DeleteLeftoversAsync(leftovers, cancellationToken);

    public Task<string?> ReadCheckpointAsync(CancellationToken cancellationToken) => inner.ReadCheckpointAsync(cancellationToken);

    public Task WriteCheckpointAsync(string? resumeAt, CancellationToken cancellationToken) => inner.WriteCheckpointAsync(resumeAt, cancellationToken);
}
