using System.Diagnostics;

namespace InterviewTextLine.Benchmarks;

/// <summary>Latencies of one measured run and the wall time it took.</summary>
internal sealed class LatencyResult
{
    private readonly double[] _sortedMs;

    public LatencyResult(IEnumerable<long> ticks, TimeSpan wall)
        : this(ticks.Select(t => t * 1000.0 / Stopwatch.Frequency), wall)
    {
    }

    private LatencyResult(IEnumerable<double> milliseconds, TimeSpan wall)
    {
        _sortedMs = [.. milliseconds.Order()];
        Wall = wall;
    }

    /// <summary>Several runs of the same variant as one: latencies pooled, wall times added.</summary>
    public static LatencyResult Combine(IReadOnlyList<LatencyResult> runs) =>
        runs.Count == 1 ? runs[0] : new(runs.SelectMany(run => run._sortedMs), TimeSpan.FromTicks(runs.Sum(run => run.Wall.Ticks)));

    public int Count => _sortedMs.Length;

    public TimeSpan Wall { get; }

    public double P50 => Percentile(0.50);

    public double P90 => Percentile(0.90);

    public double P99 => Percentile(0.99);

    public double Max => _sortedMs.Length == 0 ? 0 : _sortedMs[^1];

    public double PerSecond => Count / Wall.TotalSeconds;

    /// <summary>Nearest-rank percentile, so p99 is a latency that really happened.</summary>
    public double Percentile(double p)
    {
        if (_sortedMs.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p * _sortedMs.Length);
        return _sortedMs[Math.Clamp(rank - 1, 0, _sortedMs.Length - 1)];
    }
}

/// <summary>
/// A closed loop: <c>workers</c> concurrent texters, each issuing its next operation as soon as the last
/// one answered, until <c>total</c> operations are done. A fixed count rather than a fixed time keeps the
/// tables every variant writes to the same size, which matters because the emulator's queries slow
/// down as a table grows.
/// </summary>
internal static class ClosedLoop
{
    public static async Task<LatencyResult> RunAsync(int workers, int total, Func<int, Func<Task>> createWorker, CancellationToken cancellationToken)
    {
        var remaining = total;
        var perWorker = new List<long>[workers];
        var steps = new Func<Task>[workers];
        for (var i = 0; i < workers; i++)
        {
            perWorker[i] = new List<long>(total / workers + 1);
            steps[i] = createWorker(i);
        }

        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(i => Task.Run(
            async () =>
            {
                while (Interlocked.Decrement(ref remaining) >= 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var started = Stopwatch.GetTimestamp();
                    await steps[i]();
                    perWorker[i].Add(Stopwatch.GetTimestamp() - started);
                }
            },
            cancellationToken)));
        wall.Stop();
        return new LatencyResult(perWorker.SelectMany(list => list), wall.Elapsed);
    }
}
