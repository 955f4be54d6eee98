using System.Globalization;
using System.Text;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Sms;

namespace InterviewTextLine.Benchmarks;

/// <summary>The figures of one run as Markdown, with the machine and the command that produced them.</summary>
internal sealed class Report(BenchSettings settings, IReadOnlyList<(string Name, string Value)> machine)
{
    private readonly SortedDictionary<int, IReadOnlyDictionary<string, LatencyResult>> _inbound = [];
    private readonly SortedDictionary<int, IReadOnlyDictionary<string, IReadOnlyList<LatencyResult>>> _rounds = [];
    private readonly List<FollowUpBench.Result> _sweeps = [];
    private IReadOnlyList<RequestCountBench.Row>? _requests;
    private LatencyResult? _withoutStorage;
    private (int Emails, int Reads, int Writes)? _sweepRequests;
    private SmsCostBench.Result? _sms;
    private HistoryBench.Result? _history;
    private (int Conversations, TimeSpan Seeding, Core.Retention.RetentionSweepResult Result, TimeSpan Sweep, int Reads, int Writes)? _retention;

    public void History(HistoryBench.Result result) => _history = result;

    public void Retention((int Conversations, TimeSpan Seeding, Core.Retention.RetentionSweepResult Result, TimeSpan Sweep, int Reads, int Writes) result) => _retention = result;

    public void Inbound(int texters, IReadOnlyDictionary<string, IReadOnlyList<LatencyResult>> rounds)
    {
        _rounds[texters] = rounds;
        _inbound[texters] = rounds.ToDictionary(pair => pair.Key, pair => LatencyResult.Combine(pair.Value));
    }

    public void WithoutStorage(LatencyResult result) => _withoutStorage = result;

    public void Requests(IReadOnlyList<RequestCountBench.Row> rows) => _requests = rows;

    public void SweepRequests((int Emails, int Reads, int Writes) counts) => _sweepRequests = counts;

    public void Sweep(FollowUpBench.Result result) => _sweeps.Add(result);

    public void SmsCost(SmsCostBench.Result result) => _sms = result;

    public void Understanding(UnderstandingBench.Result result) => _understanding = result;

    private UnderstandingBench.Result? _understanding;

    public string ToMarkdown(TimeSpan elapsed)
    {
        var md = new StringBuilder();
        var arguments = settings.CommandLine.Length == 0 ? "" : " " + settings.CommandLine;
        Line(md, $"Command: `dotnet run -c Release --project bench/InterviewTextLine.Benchmarks --{arguments}` ({(settings.Quick ? "quick" : "full")} run, {elapsed.TotalMinutes:0.0} min, finished {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, load average at the end {Machine.LoadAverage()}).");
        md.AppendLine();
        md.AppendLine("| machine | |");
        md.AppendLine("|---|---|");
        foreach (var (name, value) in machine)
        {
            Line(md, $"| {name} | {value} |");
        }

        WriteUnderstanding(md);
        WriteInbound(md);
        WriteRequests(md);
        WriteHistory(md);
        WriteSweeps(md);
        WriteSms(md);
        return md.ToString();
    }

    private void WriteUnderstanding(StringBuilder md)
    {
        if (_understanding is not { } u)
        {
            return;
        }

        Line(md, $"\n### Understanding free text (in process, one text at a time)\n");
        md.AppendLine("| measure | value |");
        md.AppendLine("|---|---:|");
        Line(md, $"| serve host start to first reply (every language's understanding warmed before it listens) | {u.StartToFirstReply.TotalSeconds:0.00} s |");
        Line(md, $"| free text ({u.FreeTexts} first texts of the evaluation split): p50 / p90 / p99 | {u.Classify.P50:0.00} / {u.Classify.P90:0.00} / {u.Classify.P99:0.00} ms |");
        Line(md, $"| a 1,600-character text of random words: p50 / p99 | {u.Long.P50:0.00} / {u.Long.P99:0.00} ms |");
        Line(md, $"| keyword and number path (rules only): p50 / p99 | {u.Rules.P50:0.000} / {u.Rules.P99:0.000} ms |");
        Line(md, $"| working set before start / after warm-up and the first reply | {u.WorkingSetBefore / 1048576.0:0} / {u.WorkingSetAfter / 1048576.0:0} MiB |");
        Line(md, $"| managed heap before / after | {u.ManagedBefore / 1048576.0:0.0} / {u.ManagedAfter / 1048576.0:0.0} MiB |");
    }

    private void WriteInbound(StringBuilder md)
    {
        if (_inbound.Count == 0)
        {
            return;
        }

        Line(md, $"\n### Inbound text ({settings.Rounds} round(s) per variant, closed loop; operations per variant and round: {string.Join(", ", _inbound.Keys.Select(t => $"{settings.Measured(t)} at {t}"))} after {string.Join(", ", _inbound.Keys.Select(t => settings.Warmup(t).ToString(CultureInfo.InvariantCulture)))} warm-up)\n");
        md.AppendLine("| texters | variant | p50 ms | p90 ms | p99 ms | texts/s | p50 × floor | p99 × floor | texts/s ÷ floor | p50 × in-process | bench CPU ms/text | KiB allocated/text |");
        md.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (texters, variants) in _inbound)
        {
            var floor = variants["floor"];
            variants.TryGetValue("service", out var service);
            foreach (var (name, label) in new[] { ("floor", "floor (SDK: point read + write)"), ("service", "application service"), ("http", "HTTP webhook") })
            {
                if (!variants.TryGetValue(name, out var r))
                {
                    continue;
                }

                var vsService = name == "http" && service is not null ? Ratio(r.P50 / service.P50) : "";
                Line(md, $"| {texters} | {label} | {r.P50:0.00} | {r.P90:0.00} | {r.P99:0.00} | {r.PerSecond:0} | {(name == "floor" ? "1" : Ratio(r.P50 / floor.P50))} | {(name == "floor" ? "1" : Ratio(r.P99 / floor.P99))} | {(name == "floor" ? "1" : Ratio(r.PerSecond / floor.PerSecond))} | {vsService} | {r.CpuMsPerOp:0.00} | {r.KiBPerOp:0.0} |");
            }
        }

        if (settings.Rounds > 1)
        {
            Line(md, $"\nSpread between rounds (each round's p50 over the same round's floor p50):\n");
            md.AppendLine("| texters | variant | p50 × floor, round by round |");
            md.AppendLine("|---:|---|---|");
            foreach (var (texters, rounds) in _rounds)
            {
                foreach (var name in new[] { "service", "http" })
                {
                    if (rounds.TryGetValue(name, out var runs))
                    {
                        var ratios = runs.Zip(rounds["floor"], (run, floor) => Ratio(run.P50 / floor.P50));
                        Line(md, $"| {texters} | {name} | {string.Join(", ", ratios)} |");
                    }
                }
            }
        }

        if (_withoutStorage is { } line)
        {
            Line(md, $"\nThe line without storage (application service on the in-memory store, one texter, {line.Count} texts): mean {line.Wall.TotalMilliseconds * 1000 / line.Count:0} µs, p50 {line.P50 * 1000:0} µs, p99 {line.P99 * 1000:0} µs per text; {line.KiBPerOp:0.0} KiB allocated per text.");
        }

        if (_inbound.Count > 1)
        {
            var first = _inbound.First();
            Line(md, $"\nGrowth with concurrency (relative to {first.Key} texter(s)):\n");
            md.AppendLine("| texters | variant | p50 × | p99 × | texts/s × |");
            md.AppendLine("|---:|---|---:|---:|---:|");
            foreach (var (texters, variants) in _inbound.Skip(1))
            {
                foreach (var (name, r) in variants)
                {
                    var baseline = first.Value[name];
                    Line(md, $"| {texters} | {name} | {Ratio(r.P50 / baseline.P50)} | {Ratio(r.P99 / baseline.P99)} | {Ratio(r.PerSecond / baseline.PerSecond)} |");
                }
            }
        }

    }

    private void WriteRequests(StringBuilder md)
    {
        if (_requests is null)
        {
            return;
        }

        md.AppendLine("\n### Storage requests per inbound text (all standard transcripts, counted at the SDK pipeline, retries included)\n");
        md.AppendLine("| path | texts | reads | writes | requests |");
        md.AppendLine("|---|---:|---:|---:|---|");
        foreach (var row in _requests)
        {
            Line(md, $"| {row.Path} | {row.Texts} | {row.Reads} | {row.Writes} | {row.Example} |");
        }
    }

    private void WriteHistory(StringBuilder md)
    {
        if (_history is { } h)
        {
            Line(md, $"\n### Inbound text after {h.History} texts of history ({h.NewRead.Count} of each, interleaved; history sent through the line in {h.Seeding.TotalSeconds:0.0} s)\n");
            Line(md, $"The texter's partition holds {h.Rows} row(s); its conversation keeps {h.Receipts} receipts ({h.RowBytes} bytes of JSON).\n");
            md.AppendLine("| operation | texter | requests | p50 ms | p90 ms | p99 ms | p50 × new texter | p90 × new texter |");
            md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
            Line(md, $"| inbound read | new | {h.NewReadRequests} | {h.NewRead.P50:0.00} | {h.NewRead.P90:0.00} | {h.NewRead.P99:0.00} | 1 | 1 |");
            Line(md, $"| inbound read | one text of history | 1 | {h.OneRead.P50:0.00} | {h.OneRead.P90:0.00} | {h.OneRead.P99:0.00} | {Ratio(h.OneRead.P50 / h.NewRead.P50)} | {Ratio(h.OneRead.P90 / h.NewRead.P90)} |");
            Line(md, $"| inbound read | {h.History} texts of history | {h.LongReadRequests} | {h.LongRead.P50:0.00} | {h.LongRead.P90:0.00} | {h.LongRead.P99:0.00} | {Ratio(h.LongRead.P50 / h.NewRead.P50)} | {Ratio(h.LongRead.P90 / h.NewRead.P90)} |");
            Line(md, $"| whole text (service) | new | {h.NewTextRequests} | {h.NewText.P50:0.00} | {h.NewText.P90:0.00} | {h.NewText.P99:0.00} | 1 | 1 |");
            Line(md, $"| whole text (service) | {h.History} texts of history | {h.LongTextRequests} | {h.LongText.P50:0.00} | {h.LongText.P90:0.00} | {h.LongText.P99:0.00} | {Ratio(h.LongText.P50 / h.NewText.P50)} | {Ratio(h.LongText.P90 / h.NewText.P90)} |");
        }

        if (_retention is { } r)
        {
            Line(md, $"\n### Retention sweep over {r.Conversations} idle conversations (seeded in {r.Seeding.TotalSeconds:0.0} s)\n");
            Line(md, $"One run deleted {r.Result.Deleted} (finished: {r.Result.Finished}) in {r.Sweep.TotalSeconds:0.0} s with {r.Reads} reads and {r.Writes} writes: {(double)(r.Reads + r.Writes) / Math.Max(1, r.Result.Deleted):0.00} requests and {r.Sweep.TotalMilliseconds / Math.Max(1, r.Result.Deleted):0.00} ms per conversation.");
        }
    }

    private void WriteSweeps(StringBuilder md)
    {
        if (_sweepRequests is { } counts)
        {
            Line(md, $"\n### Follow-up sweep\n\nStorage requests per sent email (a counted sweep of {counts.Emails}): {(double)counts.Reads / counts.Emails:0.00} reads and {(double)counts.Writes / counts.Emails:0.00} writes ({counts.Reads} reads, {counts.Writes} writes).\n");
        }

        if (_sweeps.Count == 0)
        {
            return;
        }

        md.AppendLine("| MaxConcurrency | due | seeding | sweep wall | sweep emails/s | bare SDK loop wall | bare emails/s | bare p50 / p99 ms | sweep ÷ bare (wall) | storage + send floor wall | sweep ÷ that floor |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in _sweeps)
        {
            Line(md, $"| {s.Concurrency} | {s.Due} | {s.Seed.TotalSeconds:0.0} s | {s.Sweep.TotalSeconds:0.0} s | {s.SweepPerSecond:0} | {s.Bare.Wall.TotalSeconds:0.0} s | {s.Bare.PerSecond:0} | {s.Bare.P50:0.00} / {s.Bare.P99:0.00} | {Ratio(s.Sweep.TotalSeconds / s.Bare.Wall.TotalSeconds)} | {(s.StorageFloor is { } f ? $"{f.TotalSeconds:0.0} s" : "not run")} | {(s.StorageFloor is { } g ? Ratio(s.Sweep.TotalSeconds / g.TotalSeconds) : "")} |");
        }
    }

    private void WriteSms(StringBuilder md)
    {
        if (_sms is null)
        {
            return;
        }

        var replies = _sms.Conversations.SelectMany(c => c.Replies).ToList();
        var conversations = _sms.Conversations.Select(c => c.Segments).ToList();
        var histogram = string.Join(", ", replies.GroupBy(r => r.Count).OrderBy(g => g.Key).Select(g => $"{g.Count()} of {g.Key}"));
        var encoding = replies.All(r => r.Encoding == SmsEncoding.Gsm7) ? "every reply GSM-7" : "NOT all GSM-7";
        Line(md, $"\n### SMS cost of the standard transcripts\n\nPer reply: mean {replies.Average(r => r.Count):0.00} segments, max {replies.Max(r => r.Count)} ({replies.Count} replies; {histogram}). Per conversation: mean {conversations.Average():0.0} segments, max {conversations.Max()}. Encoding: {encoding}.\n");
        md.AppendLine("| transcript | texts | replies | segments | max per reply | mean per reply | GSM-7 |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var c in _sms.Conversations)
        {
            var mean = c.Replies.Count == 0 ? 0 : (double)c.Segments / c.Replies.Count;
            Line(md, $"| {c.Name} | {c.Texts} | {c.Replies.Count} | {c.Segments} | {c.MaxPerReply} | {mean:0.00} | {(c.AllGsm7 ? "yes" : "no")} |");
        }

        var longest = Placeholders.MaxLengths;
        Line(md, $"\nThe script's texts against the lint's budgets: the most segments of each kind with the longest settings (a {longest[Placeholders.ProgramName]}-character program name, {longest[Placeholders.HelpContact]}-character contact, {longest[Placeholders.ProgramUrl]}-character link, {longest[Placeholders.EmergencyNumber]}-digit emergency number) and as sent with the local defaults.\n");
        md.AppendLine("| text | how many | budget | longest settings | as sent | GSM-7 |");
        md.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var b in _sms.Budgets)
        {
            Line(md, $"| {b.Text} | {b.Count} | {b.Budget} | {b.Longest} | {b.AsSent} | {(b.AllGsm7 ? "yes" : "no")} |");
        }
    }

    private static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    private static void Line(StringBuilder md, FormattableString line) => md.AppendLine(line.ToString(CultureInfo.InvariantCulture));
}
