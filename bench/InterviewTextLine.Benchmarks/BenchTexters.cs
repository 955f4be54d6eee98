using System.Globalization;

namespace InterviewTextLine.Benchmarks;

/// <summary>The bench's Twilio auth token and its texters' numbers.</summary>
internal static class BenchTexters
{
    public const string AuthToken = "bench-auth-token";

    /// <summary>A distinct texter number per phase, worker and conversation, so no two conversations share a partition.</summary>
    public static string Number(int phase, int worker, int conversation) =>
        "+1" + (2_000_000_000L + phase * 100_000_000L + worker * 1_000_000L + conversation).ToString(CultureInfo.InvariantCulture);
}
