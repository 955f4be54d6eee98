using Azure.Data.Tables;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.TableStorage;
using InterviewTextLine.TestKit.Storage;
using Microsoft.Extensions.DependencyInjection;
using InterviewTextLine.TestKit.Builders;

namespace InterviewTextLine.Benchmarks;

/// <summary>The storage requests each kind of inbound text costs, counted at the HTTP pipeline (retries included).</summary>
internal static class RequestCountBench
{
    public sealed record Row(string Path, int Texts, string Reads, string Writes, string Example);

    public static async Task<IReadOnlyList<Row>> RunAsync(string connectionString, CancellationToken cancellationToken)
    {
        var counter = new StorageRequestCounter();

        // Registered after the line's own client, so the store is built on this one: same retry policy, plus the counter.
        await using var line = await LineOnAzurite.StartAsync(
            connectionString,
            configureServices: services => services.AddSingleton(
                new TableServiceClient(connectionString, counter.AddTo(TableStorageClientDefaults.CreateOptions()))),
            cancellationToken: cancellationToken);
        var service = line.Service;

        var samples = new List<(string Path, int Reads, int Writes, string Requests)>();
        async Task SendAsync(string path, string from, string text, string messageSid)
        {
            counter.Reset();
            await service.HandleAsync(new InboundText(from, InMemoryLine.LineNumber, text, messageSid), cancellationToken);
            samples.Add((path, counter.Reads, counter.Writes, Describe(counter)));
        }

        var transcripts = Transcripts.All;
        for (var i = 0; i < transcripts.Count; i++)
        {
            var from = BenchTexters.Number(phase: 7, worker: 0, conversation: i);
            var optedOut = false;
            var lastSid = "";
            foreach (var text in transcripts[i].Texts)
            {
                var path = Classify(text, optedOut);
                optedOut = path == "STOP" || (optedOut && path != "START");
                lastSid = TestData.NewMessageSid();
                await SendAsync(path, from, text, lastSid);
            }

            // Twilio re-delivers when it did not get our answer in time: the same MessageSid again.
            await SendAsync("duplicate delivery (same MessageSid)", from, transcripts[i].Texts[^1], lastSid);
        }

        var forgetting = BenchTexters.Number(phase: 7, worker: 1, conversation: 0);
        await SendAsync("common path", forgetting, "hi", TestData.NewMessageSid());
        await SendAsync("common path", forgetting, "2", TestData.NewMessageSid());
        await SendAsync("EMAIL address (index + save)", forgetting, "EMAIL pat@example.org", TestData.NewMessageSid());
        await SendAsync("text the line cannot use (empty, a picture alone)", forgetting, "", TestData.NewMessageSid());
        var forget = TestData.NewMessageSid();
        await SendAsync("FORGET", forgetting, "FORGET", forget);
        await SendAsync("common path", forgetting, "hi", TestData.NewMessageSid());
        await SendAsync("FORGET re-delivered after the texter came back", forgetting, "FORGET", forget);

        // One number past its reply cap: the texts after the cap are read and dropped.
        var chatty = BenchTexters.Number(phase: 7, worker: 2, conversation: 0);
        var cap = line.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Core.Configuration.LimitsOptions>>().Value.RepliesPerNumber;
        for (var i = 0; i < cap + 3; i++)
        {
            await SendAsync(i < cap ? "common path" : "past the reply cap (no reply)", chatty, "WORDS", TestData.NewMessageSid());
        }

        return [.. samples
            .GroupBy(sample => sample.Path)
            .Select(group => new Row(
                group.Key,
                group.Count(),
                Range(group.Select(sample => sample.Reads)),
                Range(group.Select(sample => sample.Writes)),
                group.First().Requests))];
    }

    private static string Classify(string text, bool optedOut)
    {
        var word = text.Split(' ')[0].ToUpperInvariant();
        return word switch
        {
            "EMAIL" => "EMAIL address (index + save)",
            "NOEMAIL" => "NOEMAIL",
            "STOP" => "STOP",
            "START" => "START",
            _ when optedOut => "text while opted out",
            _ => "common path",
        };
    }

    private static string Range(IEnumerable<int> values)
    {
        var list = values.ToList();
        var (min, max) = (list.Min(), list.Max());
        return min == max ? min.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{min}-{max}";
    }

    /// <summary>Methods and what they touch only; row keys would carry texter ids.</summary>
    private static string Describe(StorageRequestCounter counter) =>
        string.Join(", ", counter.Requests.Select(request =>
        {
            var parts = request.Split(' ', 2);
            var path = Uri.UnescapeDataString(parts.Length > 1 ? parts[1] : "");
            var segment = path.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? path;
            var table = segment.Split('(')[0];
            var query = segment.EndsWith("()", StringComparison.Ordinal);
            var target = table.StartsWith("$batch", StringComparison.Ordinal) ? "$batch"
                : table.StartsWith("due", StringComparison.Ordinal) ? (query ? "follow-up index query" : "follow-up index entry")
                : segment.Contains("'forgotten'", StringComparison.Ordinal) ? "FORGET record"
                : query ? "partition query" : "conversation row";
            return parts[0] + " " + target;
        }));
}
