using System.Diagnostics;
using Azure.Data.Tables;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Retention;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.TableStorage;
using InterviewTextLine.TestKit.Builders;
using InterviewTextLine.TestKit.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace InterviewTextLine.Benchmarks;

/// <summary>
/// What a long history costs: the inbound read (and the whole text) of a texter who has sent
/// <c>history</c> texts, against a new texter's, on the same tables, interleaved one for one.
/// </summary>
internal static class HistoryBench
{
    /// <param name="History">Texts the long-history texter sent through the line first.</param>
    /// <param name="Seeding">How long sending them took.</param>
    /// <param name="Rows">Rows of the texter's partition afterwards.</param>
    /// <param name="Receipts">Receipts its conversation row holds.</param>
    /// <param name="RowBytes">Size of that row's <c>Receipts</c> column, in UTF-8 bytes.</param>
    /// <param name="NewRead">The inbound read of a texter storage has never seen.</param>
    /// <param name="OneRead">The inbound read of a texter who has sent one text.</param>
    /// <param name="LongRead">The inbound read of the long-history texter.</param>
    /// <param name="NewReadRequests">Storage requests per new texter's read (min-max).</param>
    /// <param name="LongReadRequests">Storage requests per long-history read (min-max).</param>
    /// <param name="NewText">A whole text (read, decide, write) of a texter storage has never seen.</param>
    /// <param name="LongText">A whole text of the long-history texter.</param>
    /// <param name="NewTextRequests">Storage requests per new texter's text.</param>
    /// <param name="LongTextRequests">Storage requests per long-history text.</param>
    public sealed record Result(
        int History,
        TimeSpan Seeding,
        int Rows,
        int Receipts,
        int RowBytes,
        LatencyResult NewRead,
        LatencyResult OneRead,
        LatencyResult LongRead,
        string NewReadRequests,
        string LongReadRequests,
        LatencyResult NewText,
        LatencyResult LongText,
        string NewTextRequests,
        string LongTextRequests);

    private static readonly string[] Bodies = ["hi", "1", "WORDS", "yes", "HELP", "MENU", "2", "he was so rude", "DONE", "what do I say"];

    public static async Task<Result> RunAsync(string connectionString, int history, int samples, CancellationToken cancellationToken)
    {
        var counter = new StorageRequestCounter();

        // A minute between texts, on a fake clock: 10,000 texts are a week of texting, none of them past the reply cap.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        await using var line = await LineOnAzurite.StartAsync(
            connectionString,
            configureServices: services => services
                .AddSingleton<TimeProvider>(time)
                .AddSingleton(new TableServiceClient(connectionString, counter.AddTo(TableStorageClientDefaults.CreateOptions()))),
            cancellationToken: cancellationToken);
        var service = line.Service;
        var store = line.Store;
        var from = BenchTexters.Number(phase: 8, worker: 0, conversation: 0);
        var texter = line.Services.GetRequiredService<PhoneHasher>().Texter(from, InMemoryLine.LineNumber);

        var seeding = Stopwatch.StartNew();
        for (var i = 0; i < history; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await service.HandleAsync(new InboundText(from, InMemoryLine.LineNumber, Bodies[i % Bodies.Length], TestData.NewMessageSid()), cancellationToken);
            if ((i + 1) % 2_000 == 0)
            {
                Progress.Say($"  {i + 1} texts of history");
            }
        }

        seeding.Stop();
        var single = BenchTexters.Number(phase: 8, worker: 2, conversation: 0);
        var singleTexter = line.Services.GetRequiredService<PhoneHasher>().Texter(single, InMemoryLine.LineNumber);
        await service.HandleAsync(new InboundText(single, InMemoryLine.LineNumber, "hi", TestData.NewMessageSid()), cancellationToken);
        var rows = new List<TableEntity>();
        await foreach (var row in new TableServiceClient(connectionString).GetTableClient(line.Tables.ConversationsTable)
            .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {texter.Value}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        var receipts = (await store.ReadAsync(texter, cancellationToken))!.Conversation.Receipts.Count;
        var rowBytes = System.Text.Encoding.UTF8.GetByteCount(rows.SingleOrDefault()?.GetString("Receipts") ?? "");

        // Warm-up of both paths, then one of each in turn so drift on a shared machine falls on both alike.
        var (newRead, longRead, newReadRequests, longReadRequests) = (new List<double>(), new List<double>(), new List<int>(), new List<int>());
        var oneRead = new List<double>();
        var (newText, longText, newTextRequests, longTextRequests) = (new List<double>(), new List<double>(), new List<int>(), new List<int>());
        var warmup = Math.Max(20, samples / 10);
        var clock = Stopwatch.StartNew();
        for (var i = -warmup; i < samples; i++)
        {
            var measured = i >= 0;
            await TimeAsync(() => store.ReadForMessageAsync(new TexterId(TestData.NewTexter().Value), TestData.NewMessageSid(), cancellationToken), measured ? newRead : null, measured ? newReadRequests : null);
            await TimeAsync(() => store.ReadForMessageAsync(singleTexter, TestData.NewMessageSid(), cancellationToken), measured ? oneRead : null, null);
            await TimeAsync(() => store.ReadForMessageAsync(texter, TestData.NewMessageSid(), cancellationToken), measured ? longRead : null, measured ? longReadRequests : null);
            time.Advance(TimeSpan.FromMinutes(1));
            var newcomer = BenchTexters.Number(phase: 8, worker: 1, conversation: i + warmup);
            await TimeAsync(() => service.HandleAsync(new InboundText(newcomer, InMemoryLine.LineNumber, "hi", TestData.NewMessageSid()), cancellationToken), measured ? newText : null, measured ? newTextRequests : null);
            await TimeAsync(() => service.HandleAsync(new InboundText(from, InMemoryLine.LineNumber, Bodies[i & 7], TestData.NewMessageSid()), cancellationToken), measured ? longText : null, measured ? longTextRequests : null);
        }

        var wall = clock.Elapsed;
        return new Result(
            history,
            seeding.Elapsed,
            rows.Count,
            receipts,
            rowBytes,
            LatencyResult.FromSamples(newRead, wall),
            LatencyResult.FromSamples(oneRead, wall),
            LatencyResult.FromSamples(longRead, wall),
            Range(newReadRequests),
            Range(longReadRequests),
            LatencyResult.FromSamples(newText, wall),
            LatencyResult.FromSamples(longText, wall),
            Range(newTextRequests),
            Range(longTextRequests));

        async Task TimeAsync<T>(Func<Task<T>> operation, List<double>? latencies, List<int>? requests)
        {
            counter.Reset();
            var started = Stopwatch.GetTimestamp();
            await operation();
            var elapsed = Stopwatch.GetElapsedTime(started);
            latencies?.Add(elapsed.TotalMilliseconds);
            requests?.Add(counter.Total);
        }
    }

    /// <summary>
    /// The retention sweep over <paramref name="conversations"/> idle conversations: seeded directly through the store
    /// (one write each), then one run that deletes them all, with its storage requests counted.
    /// </summary>
    public static async Task<(int Conversations, TimeSpan Seeding, RetentionSweepResult Result, TimeSpan Sweep, int Reads, int Writes)> RetentionAsync(
        string connectionString, int conversations, CancellationToken cancellationToken)
    {
        var counter = new StorageRequestCounter();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        await using var line = await LineOnAzurite.StartAsync(
            connectionString,
            new Dictionary<string, string?> { ["Privacy:RetentionRunBudget"] = "00:09:00" },
            services => services
                .AddSingleton<TimeProvider>(time)
                .AddSingleton(new TableServiceClient(connectionString, counter.AddTo(TableStorageClientDefaults.CreateOptions()))),
            cancellationToken);
        var seeding = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, conversations), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (_, token) =>
        {
            var conversation = Conversation.Start("welcome", time.GetUtcNow()) with { Path = ["welcome"] };
            await line.Store.SaveWithReceiptAsync(TestData.NewTexter(), conversation, null, TestData.NewReceipt("Welcome"), token);
        });
        seeding.Stop();

        time.Advance(TimeSpan.FromDays(31));
        counter.Reset();
        var sweep = Stopwatch.StartNew();
        var result = await line.Services.GetRequiredService<RetentionSweeper>().RunAsync(cancellationToken);
        sweep.Stop();
        return (conversations, seeding.Elapsed, result, sweep.Elapsed, counter.Reads, counter.Writes);
    }

    private static string Range(List<int> values) =>
        values.Min() == values.Max() ? values.Min().ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{values.Min()}-{values.Max()}";
}
