using Azure.Core;

namespace InterviewTextLine.TableStorage.Tests;

/// <summary>The table client's retry policy, read from the options it builds: what a failing call can cost at worst.</summary>
public sealed class TableStorageClientDefaultsTests
{
    /// <summary>Twilio gives up on a webhook after this long.</summary>
    private static readonly TimeSpan TwilioPatience = TimeSpan.FromSeconds(15);

    [Fact]
    public void The_options_carry_the_policy_the_constants_name()
    {
        var retry = TableStorageClientDefaults.CreateOptions().Retry;

        Assert.Equal(
            (RetryMode.Exponential, TableStorageClientDefaults.MaxRetries, TableStorageClientDefaults.Delay, TableStorageClientDefaults.MaxDelay, TableStorageClientDefaults.NetworkTimeout),
            (retry.Mode, retry.MaxRetries, retry.Delay, retry.MaxDelay, retry.NetworkTimeout));
    }

    /// <summary>
    /// The worst case is storage that never answers: every attempt runs to the network time-out, and each retry first
    /// waits its exponential delay (the SDK adds up to 20% jitter, never past the maximum delay).
    /// </summary>
    [Fact]
    public void A_call_to_silent_storage_gives_up_well_within_Twilios_patience()
    {
        var retry = TableStorageClientDefaults.CreateOptions().Retry;
        var worst = retry.NetworkTimeout * (retry.MaxRetries + 1);
        for (var attempt = 0; attempt < retry.MaxRetries; attempt++)
        {
            var delay = retry.Delay * Math.Pow(2, attempt) * 1.2;
            worst += delay < retry.MaxDelay ? delay : retry.MaxDelay;
        }

        Assert.True(worst < TwilioPatience * 0.75, $"A call can take {worst} before it fails; Twilio gives up at {TwilioPatience}.");
    }
}
