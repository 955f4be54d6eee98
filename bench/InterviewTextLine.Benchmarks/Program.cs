using System.Diagnostics;
using InterviewTextLine.Benchmarks;
using InterviewTextLine.TestKit.Azurite;

BenchSettings? settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    await Console.Error.WriteLineAsync(exception.Message);
    await Console.Error.WriteLineAsync(BenchSettings.Usage);
    return 2;
}

if (settings is null)
{
    Console.WriteLine(BenchSettings.Usage);
    return 0;
}

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};
var cancellationToken = stopping.Token;
var total = Stopwatch.StartNew();

// First, before anything else loads the sentence model: its one load is part of the first reply.
UnderstandingBench.Result? understanding = null;
if (settings.Parts.Contains("understanding"))
{
    Progress.Say("Understanding: start to first reply, memory, time per text");
    understanding = await UnderstandingBench.RunAsync(settings.Quick ? 3 : 20, cancellationToken);
    Progress.Say($"  first reply {understanding.StartToFirstReply.TotalSeconds:0.00} s, free text p50 {understanding.Classify.P50:0.00} ms, p99 {understanding.Classify.P99:0.00} ms");
}

Progress.Say("Starting Azurite (installed with npm ci on first use)");
await using var azurite = await AzuriteRunner.StartNewAsync(cancellationToken);
var report = new Report(settings, Machine.Describe(azurite.RepositoryRoot));
if (understanding is not null)
{
    report.Understanding(understanding);
}

if (settings.Parts.Contains("inbound") || settings.Parts.Contains("http"))
{
    var shapes = await InMemoryLine.RunAsync(Transcripts.Load, cancellationToken);
    var bench = new InboundBench(azurite.ConnectionString, shapes);
    Progress.Say("The line without storage (in-memory store), one texter");
    var withoutStorage = await InboundBench.WithoutStorageAsync(settings.Quick ? 500 : 5_000, settings.Quick ? 2_000 : 20_000, cancellationToken);
    Progress.Say($"  mean {withoutStorage.Wall.TotalMilliseconds * 1000 / withoutStorage.Count:0} µs, p50 {withoutStorage.P50 * 1000:0} µs per text");
    report.WithoutStorage(withoutStorage);
    foreach (var texters in settings.Levels)
    {
        var runs = new Dictionary<string, List<LatencyResult>>();
        var variants = new List<(string Name, Func<int, int, int, CancellationToken, Task<LatencyResult>> Run)> { ("floor", bench.FloorAsync) };
        if (settings.Parts.Contains("inbound"))
        {
            variants.Add(("service", bench.ServiceAsync));
        }

        if (settings.Parts.Contains("http"))
        {
            variants.Add(("http", bench.HttpAsync));
        }

        for (var round = 0; round < settings.Rounds; round++)
        {
            // Alternating the order spreads any drift of a shared machine over every variant.
            var order = round % 2 == 0 ? variants : Enumerable.Reverse(variants).ToList();
            foreach (var (name, run) in order)
            {
                Progress.Say($"Inbound, {texters} texter(s), {name}, round {round + 1}");
                var result = await run(texters, settings.Warmup(texters), settings.Measured(texters), cancellationToken);
                Progress.Say($"  p50 {result.P50:0.00} ms, p99 {result.P99:0.00} ms, {result.PerSecond:0} texts/s");
                (runs.TryGetValue(name, out var list) ? list : runs[name] = []).Add(result);
            }
        }

        report.Inbound(texters, runs.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<LatencyResult>)pair.Value));
    }
}

if (settings.Parts.Contains("requests"))
{
    Progress.Say("Storage requests per text");
    report.Requests(await RequestCountBench.RunAsync(azurite.ConnectionString, cancellationToken));
}

if (settings.Parts.Contains("history"))
{
    Progress.Say($"Inbound read at {settings.History} texts of history against a new texter");
    var history = await HistoryBench.RunAsync(azurite.ConnectionString, settings.History, settings.HistorySamples, cancellationToken);
    Progress.Say($"  read p50 {history.LongRead.P50:0.00} ms against {history.NewRead.P50:0.00} ms; {history.Rows} row(s), {history.Receipts} receipts");
    report.History(history);
}

if (settings.Parts.Contains("retention"))
{
    Progress.Say($"Retention sweep over {settings.RetentionConversations} idle conversations");
    var retention = await HistoryBench.RetentionAsync(azurite.ConnectionString, settings.RetentionConversations, cancellationToken);
    Progress.Say($"  {retention.Result.Deleted} deleted in {retention.Sweep.TotalSeconds:0.0} s");
    report.Retention(retention);
}

if (settings.Parts.Contains("followups"))
{
    await using var sendGrid = await SendGridStandIn.StartAsync(cancellationToken);
    var bench = new FollowUpBench(azurite.ConnectionString, sendGrid);
    Progress.Say("Follow-up sweep: storage requests per email");
    report.SweepRequests(await bench.CountRequestsAsync(100, cancellationToken));
    foreach (var concurrency in settings.FollowUpConcurrency)
    {
        Progress.Say($"Follow-up sweep: {settings.FollowUps} due, MaxConcurrency {concurrency}");
        var result = await bench.RunAsync(settings.FollowUps, concurrency, settings.SweepFloor, cancellationToken);
        Progress.Say($"  seeded in {result.Seed.TotalSeconds:0.0} s; sweep {result.Sweep.TotalSeconds:0.0} s ({result.SweepPerSecond:0}/s); bare loop {result.Bare.Wall.TotalSeconds:0.0} s ({result.Bare.PerSecond:0}/s); storage + send floor {result.StorageFloor?.TotalSeconds ?? double.NaN:0.0} s");
        report.Sweep(result);
    }
}

if (settings.Parts.Contains("sms"))
{
    Progress.Say("SMS cost of the standard transcripts");
    report.SmsCost(await SmsCostBench.RunAsync(cancellationToken));
}

var markdown = report.ToMarkdown(total.Elapsed);
Console.WriteLine(markdown);
if (settings.Output is { } output)
{
    await File.WriteAllTextAsync(output, markdown, cancellationToken);
    Progress.Say($"Report written to {Path.GetFullPath(output)}");
}

return 0;
