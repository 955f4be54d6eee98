using System.Diagnostics;

namespace InterviewTextLine.Benchmarks;

/// <summary>Latencies of one measured run and the wall time it took.</summary>
internal sealed class LatencyResult
{
    private readonly double[] _sortedMs;

    public LatencyResult(IEnumerable<long> ticks, TimeSpan wall, TimeSpan cpu, long allocated)
        : this(ticks.Select(t => t * 1000.0 / Stopwatch.Frequency), wall, cpu, allocated)
    {
    }

    private LatencyResult(IEnumerable<double> milliseconds, TimeSpan wall, TimeSpan cpu, long allocated)
    {
        _sortedMs = [.. milliseconds.Order()];
        Wall = wall;
        Cpu = cpu;
        Allocated = allocated;
    }

    /// <summary>Latencies measured one by one in milliseconds, outside a closed loop.</summary>
    public static LatencyResult FromSamples(IEnumerable<double> milliseconds, TimeSpan wall) => new(milliseconds, wall, TimeSpan.Zero, 0);

    /// <summary>Several runs of the same variant as one: latencies pooled, times and allocations added.</summary>
    public static LatencyResult Combine(IReadOnlyList<LatencyResult> runs) =>
        runs.Count == 1
            ? runs[0]
            : new(
                runs.SelectMany(run => run._sortedMs),
                TimeSpan.FromTicks(runs.Sum(run => run.Wall.Ticks)),
                TimeSpan.FromTicks(runs.Sum(run => run.Cpu.Ticks)),
                runs.Sum(run => run.Allocated));

    /// <summary>CPU time of this whole process (every thread) during the run: the client side of the emulator's work.</summary>
    public TimeSpan Cpu { get; }

    /// <summary>Bytes allocated by this process during the run.</summary>
    public long Allocated { get; }

    public double CpuMsPerOp => Count == 0 ? 0 : Cpu.TotalMilliseconds / Count;

    public double KiBPerOp => Count == 0 ? 0 : Allocated / 1024.0 / Count;

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

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
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
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        process.Refresh();
        return new LatencyResult(perWorker.SelectMany(list => list), wall.Elapsed, process.TotalProcessorTime - cpuBefore, allocated);
    }
}
