using Azure.Core;
using Azure.Data.Tables;

namespace InterviewTextLine.TableStorage;

/// <summary>The retry policy of the Table Storage client.</summary>
/// <remarks>
/// Twilio gives up on a webhook after 15 seconds and an inbound text costs one read and one write, so
/// a request is retried only twice, after short exponential delays, and a silent connection is abandoned
/// after a few seconds. Every retried write is safe: a transaction that did commit before its response
/// was lost fails its retry with a conflict, and the caller reloads and finds the stored reply.
/// </remarks>
public static class TableStorageClientDefaults
{
    public const int MaxRetries = 2;
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Applies the line's retry policy to <paramref name="options"/> and returns it.</summary>
    public static TableClientOptions Apply(TableClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = MaxRetries;
        options.Retry.Delay = Delay;
        options.Retry.MaxDelay = MaxDelay;
        options.Retry.NetworkTimeout = NetworkTimeout;
        return options;
    }

    /// <summary>New client options with the line's retry policy.</summary>
    public static TableClientOptions CreateOptions() => Apply(new TableClientOptions());
}
