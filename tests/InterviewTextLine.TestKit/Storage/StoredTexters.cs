using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.TestKit.Storage;

/// <summary>What a test sees of a whole store through its retention scan.</summary>
public static class StoredTexters
{
    /// <summary>Every texter with a conversation: the scan with a cut-off no conversation can be newer than.</summary>
    public static async Task<IReadOnlyList<TexterId>> AllAsync(IRetentionScan scan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var texters = new List<TexterId>();
        string? resumeAt = null;
        do
        {
            var page = await scan.ReadPageAsync(DateTimeOffset.MaxValue, DateTimeOffset.MinValue, DateTimeOffset.MinValue, resumeAt, 1000, cancellationToken);
            texters.AddRange(page.Idle);
            resumeAt = page.ResumeAt;
        }
        while (resumeAt is not null);

        return texters;
    }
}
