using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using InterviewTextLine.Core.Diagnostics;

namespace InterviewTextLine.Cli.Serve;

/// <summary>
/// <c>textline serve --metrics</c>: listens to the line's meter and prints the running totals to the console
/// every <see cref="Interval"/>, so the counts the workbook will show can be checked without Azure.
/// </summary>
internal sealed class MetricsSummaryService(TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, double> _totals = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == TextLineMetrics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Interval, time, stoppingToken);
                await Console.Out.WriteAsync(Summary());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await Console.Out.WriteAsync(Summary());
        }
    }

    /// <summary>One line per instrument and tag set: counters summed, histograms as count and mean.</summary>
    internal string Summary()
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"metrics at {time.GetUtcNow():HH:mm:ss}Z\n");
        foreach (var (key, value) in _totals.OrderBy(total => total.Key, StringComparer.Ordinal))
        {
            if (key.EndsWith(".sum", StringComparison.Ordinal))
            {
                var name = key[..^4];
                var count = _totals.GetValueOrDefault(name + ".count");
                text.Append(CultureInfo.InvariantCulture, $"  {name}: {count} recorded, mean {(count == 0 ? 0 : value / count):0.0} ms\n");
            }
            else if (!key.EndsWith(".count", StringComparison.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"  {key}: {value}\n");
            }
        }

        return text.ToString();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = new StringBuilder(instrument.Name);
        foreach (var tag in tags)
        {
            key.Append(CultureInfo.InvariantCulture, $" {tag.Key}={tag.Value}");
        }

        if (instrument is Histogram<double>)
        {
            _totals.AddOrUpdate(key + ".count", 1, (_, total) => total + 1);
            _totals.AddOrUpdate(key + ".sum", value, (_, total) => total + value);
        }
        else
        {
            _totals.AddOrUpdate(key.ToString(), value, (_, total) => total + value);
        }
    }
}
