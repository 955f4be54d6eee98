using System.Diagnostics;
using System.Globalization;

namespace InterviewTextLine.Benchmarks;

/// <summary>Progress goes to standard error, so that standard output is the report alone.</summary>
internal static class Progress
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static void Say(string message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{Clock.Elapsed:mm\\:ss}] {message}"));
}
