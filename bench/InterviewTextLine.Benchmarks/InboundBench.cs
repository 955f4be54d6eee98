using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Cli.Serve;
using InterviewTextLine.Hosting.Webhook;
using InterviewTextLine.TableStorage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Builders;
using InterviewTextLine.TestKit.Signing;
using InterviewTextLine.TestKit.Webhooks;
using InterviewTextLine.Understanding;

namespace InterviewTextLine.Benchmarks;

/// <summary>
/// Inbound texts at a given number of concurrent texters, three ways: the bare storage floor, the
/// application service in process, and the webhook over HTTP. Each texter works through the load
/// transcripts one after another, a new number for each conversation.
/// </summary>
internal sealed class InboundBench(string connectionString, IReadOnlyList<IReadOnlyList<TranscriptStep>> shapes)
{
    private const string ConversationRow = "conversation";
    private static readonly IReadOnlyList<Transcript> Load = Transcripts.Load;

    /// <summary>
    /// What the store does for one text, with the Azure SDK directly and nothing else: the point read of the
    /// texter's one row, then one write that replaces it on its ETag (or adds it), with the same columns and sizes,
    /// the receipts of the conversation's texts so far included.
    /// </summary>
    public async Task<LatencyResult> FloorAsync(int texters, int warmup, int measured, CancellationToken cancellationToken)
    {
        var service = new TableServiceClient(connectionString, TableStorageClientDefaults.CreateOptions());
        var name = TestData.NewTableName("floor");
        await service.CreateTableIfNotExistsAsync(name, cancellationToken);
        var table = service.GetTableClient(name);
        var floorShapes = shapes.Select(steps => steps.Select(FloorShape.Of).ToList()).ToList();
        try
        {
            Func<int, Func<Task>> Worker(int phase) => worker =>
            {
                var conversation = 0;
                var step = 0;
                var partition = PartitionKey(phase, worker, conversation);
                string? etag = null;
                var receipts = new List<FloorReceipt>();
                return async () =>
                {
                    var transcript = (worker + conversation) % floorShapes.Count;
                    var shape = floorShapes[transcript][step];
                    var messageSid = TestData.NewMessageSid();
                    var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, ConversationRow, cancellationToken: cancellationToken);
                    if ((found.HasValue ? found.Value!.ETag.ToString() : null) != etag)
                    {
                        throw new InvalidOperationException("The floor read back a different ETag than it wrote.");
                    }

                    var now = DateTimeOffset.UtcNow;
                    receipts.Add(new FloorReceipt(messageSid, shape.Reply, now));
                    var state = shape.ToEntity(partition, now, receipts);
                    var response = etag is null
                        ? await table.AddEntityAsync(state, cancellationToken)
                        : await table.UpdateEntityAsync(state, new ETag(etag), TableUpdateMode.Replace, cancellationToken);
                    etag = response.Headers.ETag?.ToString();

                    if (++step == floorShapes[transcript].Count)
                    {
                        step = 0;
                        conversation++;
                        partition = PartitionKey(phase, worker, conversation);
                        etag = null;
                        receipts.Clear();
                    }
                };
            };

            await ClosedLoop.RunAsync(texters, warmup, Worker(phase: 0), cancellationToken);
            return await ClosedLoop.RunAsync(texters, measured, Worker(phase: 1), cancellationToken);
        }
        finally
        {
            await service.DeleteTableAsync(name, CancellationToken.None);
        }
    }

    /// <summary>The application service (<see cref="ITextLineService.HandleAsync"/>) on the Table store, in process.</summary>
    public async Task<LatencyResult> ServiceAsync(int texters, int warmup, int measured, CancellationToken cancellationToken)
    {
        await using var line = await LineOnAzurite.StartAsync(connectionString, cancellationToken: cancellationToken);
        var service = line.Service;

        Func<int, Func<Task>> Worker(int phase) => TranscriptWorker(phase, (from, text) =>
            service.HandleAsync(new InboundText(from, InMemoryLine.LineNumber, text, TestData.NewMessageSid()), cancellationToken));

        await ClosedLoop.RunAsync(texters, warmup, Worker(phase: 0), cancellationToken);
        return await ClosedLoop.RunAsync(texters, measured, Worker(phase: 1), cancellationToken);
    }

    /// <summary>
    /// The application service on the in-memory store, one texter: what the line itself costs per text
    /// (hashing, deciding, building the reply) with no storage at all.
    /// </summary>
    public static async Task<LatencyResult> WithoutStorageAsync(int warmup, int measured, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.Values).Build();
        await using var services = new ServiceCollection().AddLogging().AddTextLineCore(configuration).AddTextUnderstanding().BuildServiceProvider();
        var service = services.GetRequiredService<ITextLineService>();

        Func<int, Func<Task>> Worker(int phase) => TranscriptWorker(phase, (from, text) =>
            service.HandleAsync(new InboundText(from, InMemoryLine.LineNumber, text, TestData.NewMessageSid()), cancellationToken));

        await ClosedLoop.RunAsync(1, warmup, Worker(phase: 0), cancellationToken);
        return await ClosedLoop.RunAsync(1, measured, Worker(phase: 1), cancellationToken);
    }

    /// <summary>
    /// <c>textline serve</c> (<see cref="ServeHost.Build"/>) on a free loopback port, posted signed Twilio
    /// forms over keep-alive connections. Log providers are removed, as in the in-process run, so both
    /// measure the line rather than a console.
    /// </summary>
    public async Task<LatencyResult> HttpAsync(int texters, int warmup, int measured, CancellationToken cancellationToken)
    {
        var tables = FreshTables.New("http");
        var options = new ServeHostOptions { Urls = "http://127.0.0.1:0", ReadMachineSettings = false, StorageConnectionString = connectionString };
        options.Settings["Twilio:AuthToken"] = BenchTexters.AuthToken;
        tables.ApplyTo(options.Settings);

        // Once a year: the follow-up schedule must not sweep in the middle of a measurement.
        options.Settings["FollowUp:Schedule"] = "0 0 0 1 1 *";
        await using var app = ServeHost.Build(options, services => services.RemoveAll<ILoggerProvider>());
        await app.StartAsync(cancellationToken);
        try
        {
            var baseUrl = app.Urls.First().TrimEnd('/');
            var signedUrl = app.Services.GetRequiredService<IOptions<TwilioOptions>>().Value.WebhookBaseUrl.TrimEnd('/') + ServeHost.WebhookRoute;
            using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
            {
                BaseAddress = new Uri(baseUrl),
            };

            Func<int, Func<Task>> Worker(int phase) => TranscriptWorker(phase, async (from, text) =>
            {
                var fields = TwilioForm.Fields(from, InMemoryLine.LineNumber, text, TestData.NewMessageSid());
                using var request = new HttpRequestMessage(HttpMethod.Post, ServeHost.WebhookRoute) { Content = new FormUrlEncodedContent(fields) };
                request.Headers.Add("X-Twilio-Signature", TwilioTestSigner.Sign(BenchTexters.AuthToken, signedUrl, fields));
                using var response = await client.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode != HttpStatusCode.OK || !body.Contains("<Response>", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"The webhook answered {(int)response.StatusCode}: {body}");
                }
            });

            await ClosedLoop.RunAsync(texters, warmup, Worker(phase: 0), cancellationToken);
            return await ClosedLoop.RunAsync(texters, measured, Worker(phase: 1), cancellationToken);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await tables.DeleteAsync(new TableServiceClient(connectionString, TableStorageClientDefaults.CreateOptions()), CancellationToken.None);
        }
    }

    /// <summary>A key shaped like the real ones (64 hex digits), distinct per conversation.</summary>
    private static string PartitionKey(int phase, int worker, int conversation) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(BenchTexters.Number(phase, worker, conversation))));

    /// <summary>
    /// The columns the store writes for one step of a transcript, worked out once so that a floor
    /// operation does nothing but build two entities and talk to storage.
    /// </summary>
    private sealed record FloorShape(string StateId, string? Situation, string PathJson, bool OptedOut, string? Reply)
    {
        public static FloorShape Of(TranscriptStep step)
        {
            var conversation = step.After ?? throw new InvalidOperationException($"'{step.Sent}' left no conversation; the load transcripts must.");
            return new FloorShape(conversation.StateId, conversation.Situation, JsonSerializer.Serialize(conversation.Path.ToArray()), conversation.OptedOut, step.Reply);
        }

        public TableEntity ToEntity(string partition, DateTimeOffset now, IReadOnlyList<FloorReceipt> receipts)
        {
            var entity = new TableEntity(partition, ConversationRow)
            {
                ["StateId"] = StateId,
                ["Path"] = PathJson,
                ["StartedAt"] = now,
                ["LastMessageAt"] = now,
                ["OptedOut"] = OptedOut,
                ["AddressesGiven"] = 0,
                ["Replies"] = receipts.Count,
                ["RepliesSince"] = receipts[0].At,
                ["Receipts"] = JsonSerializer.Serialize(receipts),
            };
            if (Situation is not null)
            {
                entity["Situation"] = Situation;
            }

            return entity;
        }
    }

    /// <summary>A receipt as the line stores it in the row's <c>Receipts</c> column.</summary>
    private sealed record FloorReceipt(
        [property: System.Text.Json.Serialization.JsonPropertyName("id")] string Id,
        [property: System.Text.Json.Serialization.JsonPropertyName("reply")] string? Reply,
        [property: System.Text.Json.Serialization.JsonPropertyName("at")] DateTimeOffset At);

    /// <summary>
    /// A closed-loop worker that texts its way through the load transcripts, one conversation after another,
    /// with a new number for each conversation so that no two share a partition.
    /// </summary>
    private static Func<int, Func<Task>> TranscriptWorker(int phase, Func<string, string, Task> send) => worker =>
    {
        var conversation = 0;
        var step = 0;
        var from = BenchTexters.Number(phase, worker, conversation);
        return async () =>
        {
            var transcript = Load[(worker + conversation) % Load.Count];
            await send(from, transcript.Texts[step]);
            if (++step == transcript.Texts.Count)
            {
                step = 0;
                conversation++;
                from = BenchTexters.Number(phase, worker, conversation);
            }
        };
    };
}
