using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Azure.Data.Tables;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.TableStorage;
using InterviewTextLine.TestKit.Storage;
using Microsoft.Extensions.DependencyInjection;
using SendGrid;
using SendGrid.Helpers.Mail;
using InterviewTextLine.TestKit.Builders;

namespace InterviewTextLine.Benchmarks;

/// <summary>
/// One follow-up sweep over a given number of due follow-ups, through the real processor, Table store and
/// <c>SendGridEmailSender</c>, against a bare loop of SendGrid SDK sends to the same stand-in at the same concurrency.
/// </summary>
internal sealed class FollowUpBench(string connectionString, SendGridStandIn sendGrid)
{
    private const string ApiKey = "SG.bench-key";
    private const int SeedConcurrency = 32;

    public sealed record Result(int Concurrency, int Due, TimeSpan Seed, TimeSpan Sweep, int Sent, LatencyResult Bare, TimeSpan? StorageFloor)
    {
        public double SweepPerSecond => Sent / Sweep.TotalSeconds;
    }

    public async Task<Result> RunAsync(int due, int concurrency, bool withStorageFloor, CancellationToken cancellationToken)
    {
        TimeSpan? storageFloor = null;
        if (withStorageFloor)
        {
            await using var floorLine = await StartLineAsync(concurrency, configureServices: null, cancellationToken);
            await SeedAsync(floorLine.Store, due, cancellationToken);
            storageFloor = await StorageFloorAsync(floorLine, due, concurrency, cancellationToken);
        }

        await using var line = await StartLineAsync(concurrency, configureServices: null, cancellationToken);
        var seed = await SeedAsync(line.Store, due, cancellationToken);

        var bare = await BareLoopAsync(line, due, concurrency, cancellationToken);

        sendGrid.Reset();
        var processor = line.Services.GetRequiredService<IFollowUpProcessor>();
        var clock = Stopwatch.StartNew();
        var result = await processor.RunAsync(cancellationToken);
        clock.Stop();
        if (result.Sent.Count != due || sendGrid.Requests != due || result.StoppedEarly)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The sweep sent {result.Sent.Count} of {due} ({sendGrid.Requests} requests; {result.Retried} retried, {result.Failed} failed, {result.Skipped} skipped, stopped early: {result.StoppedEarly})."));
        }

        return new Result(concurrency, due, seed, clock.Elapsed, result.Sent.Count, bare, storageFloor);
    }

    /// <summary>
    /// The sweep's own floor: the same requests with the Azure SDK and the SendGrid SDK directly, in the same
    /// shape (a range query for 100 due entries, then at most <paramref name="concurrency"/> at a time: read the
    /// conversation, claim it on its ETag, send, mark it sent on the new ETag, delete the index entry), with
    /// none of the line's decisions, rendering or bookkeeping.
    /// </summary>
    private async Task<TimeSpan> StorageFloorAsync(LineOnAzurite line, int due, int concurrency, CancellationToken cancellationToken)
    {
        var tables = new TableServiceClient(connectionString, TableStorageClientDefaults.CreateOptions());
        var conversations = tables.GetTableClient(line.Tables.ConversationsTable);
        var index = tables.GetTableClient(line.Tables.FollowUpsTable);
        var email = Sample(line);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var client = new SendGridClient(http, new SendGridClientOptions { ApiKey = ApiKey, Host = sendGrid.Url });
        var sent = 0;

        var clock = Stopwatch.StartNew();
        while (true)
        {
            var upper = (DateTimeOffset.UtcNow.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"due"} and RowKey lt {upper}");
            var batch = new List<TableEntity>();
            await foreach (var entry in index.QueryAsync<TableEntity>(filter, 100, ["RowKey", "Texter", "DueAt"], cancellationToken))
            {
                batch.Add(entry);
                if (batch.Count == 100)
                {
                    break;
                }
            }

            if (batch.Count == 0)
            {
                break;
            }

            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (entry, token) =>
            {
                var texter = entry.GetString("Texter");
                var row = (await conversations.GetEntityAsync<TableEntity>(texter, "conversation", cancellationToken: token)).Value;
                row["FollowUpStatus"] = "Claimed";
                var claimed = await conversations.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, token);
                var response = await client.SendEmailAsync(Message(email), token);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"The stand-in answered {(int)response.StatusCode}.");
                }

                row["FollowUpStatus"] = "Sent";
                await conversations.UpdateEntityAsync(row, claimed.Headers.ETag!.Value, TableUpdateMode.Replace, token);
                await index.DeleteEntityAsync("due", entry.RowKey, Azure.ETag.All, token);
                Interlocked.Increment(ref sent);
            });
        }

        clock.Stop();
        return sent == due ? clock.Elapsed : throw new InvalidOperationException($"The storage floor sent {sent} of {due}.");
    }

    /// <summary>Storage requests per sent email, on a small sweep with a counting client.</summary>
    public async Task<(int Emails, int Reads, int Writes)> CountRequestsAsync(int due, CancellationToken cancellationToken)
    {
        var counter = new StorageRequestCounter();
        await using var line = await StartLineAsync(
            concurrency: 4,
            services => services.AddSingleton(new TableServiceClient(connectionString, counter.AddTo(TableStorageClientDefaults.CreateOptions()))),
            cancellationToken);
        await SeedAsync(line.Store, due, cancellationToken);
        counter.Reset();
        var result = await line.Services.GetRequiredService<IFollowUpProcessor>().RunAsync(cancellationToken);
        return (result.Sent.Count, counter.Reads, counter.Writes);
    }

    private Task<LineOnAzurite> StartLineAsync(int concurrency, Action<IServiceCollection>? configureServices, CancellationToken cancellationToken) =>
        LineOnAzurite.StartAsync(
            connectionString,
            new Dictionary<string, string?>
            {
                ["SendGrid:ApiKey"] = ApiKey,
                ["SendGrid:Host"] = sendGrid.Url,
                ["FollowUp:MaxConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),

                // The most the line allows: a 10,000 sweep must not stop early on this machine.
                ["FollowUp:RunBudget"] = "00:09:00",
            },
            configureServices,
            cancellationToken);

    /// <summary>What EMAIL leaves behind, due a minute ago: a scheduled follow-up and its index entry.</summary>
    private static async Task<TimeSpan> SeedAsync(TableConversationStore store, int due, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var dueAt = now.AddMinutes(-1);
        var writer = new DecisionWriter(store, store);
        var seeded = await ClosedLoop.RunAsync(SeedConcurrency, due, _ => async () =>
        {
            var texter = new TexterId(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
            var conversation = Conversation.Start("welcome", now.AddMinutes(-130)) with
            {
                StateId = "done",
                Situation = "dealbreaker",
                Path = ["welcome", "dealbreaker", "dealbreaker_offer", "done"],
                LastMessageAt = now.AddMinutes(-121),
                Email = "texter-" + texter.Value[..12] + "@example.com",
                FollowUp = FollowUp.Schedule(null, dueAt),
            };
            var decision = new Decision(DecisionKind.Save, conversation, "Saved.", conversation.FollowUp.IndexEntryToAdd(null));
            await writer.ApplyAsync(texter, decision, null, new MessageReceipt(TestData.NewMessageSid(), "Saved.", now), cancellationToken);
        }, cancellationToken);
        return seeded.Wall;
    }

    /// <summary>
    /// <c>SendGridClient.SendEmailAsync</c> in a loop, with a message built the way the sender builds it from a
    /// composed follow-up, on a client of its own (an <see cref="HttpClient"/> of ours, as the sender has).
    /// </summary>
    private async Task<LatencyResult> BareLoopAsync(LineOnAzurite line, int count, int concurrency, CancellationToken cancellationToken)
    {
        var email = Sample(line);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var client = new SendGridClient(http, new SendGridClientOptions { ApiKey = ApiKey, Host = sendGrid.Url });

        Func<Task> Send(int _) => async () =>
        {
            var response = await client.SendEmailAsync(Message(email), cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"The stand-in answered {(int)response.StatusCode}.");
            }
        };

        await ClosedLoop.RunAsync(concurrency, Math.Min(count, 500), Send, cancellationToken);
        return await ClosedLoop.RunAsync(concurrency, count, Send, cancellationToken);
    }

    private static FollowUpEmail Sample(LineOnAzurite line)
    {
        var sample = Conversation.Start("welcome", DateTimeOffset.UtcNow) with
        {
            StateId = "done",
            Situation = "dealbreaker",
            Path = ["welcome", "dealbreaker", "dealbreaker_offer", "done"],
        };
        return line.Services.GetRequiredService<FollowUpComposer>().Compose(sample, "texter@example.com");
    }

    /// <summary>The message the sender builds from a composed follow-up.</summary>
    private static SendGridMessage Message(FollowUpEmail email)
    {
        var message = MailHelper.CreateSingleEmail(new EmailAddress("textline@example.edu", "Career Services (local)"), new EmailAddress(email.To), email.Subject, email.Text, email.Html);
        message.Headers = new Dictionary<string, string>(email.Headers, StringComparer.OrdinalIgnoreCase);
        message.SetClickTracking(false, false);
        message.SetOpenTracking(false);
        message.SetSubscriptionTracking(false);
        return message;
    }
}
