using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using InterviewTextLine.Cli.Serve;
using InterviewTextLine.Integration.Tests.Webhook;
using InterviewTextLine.TableStorage;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewTextLine.Integration.Tests.Resilience;

/// <summary>
/// Storage going away under a running webhook. Twilio waits 15 s and then calls the fallback URL (or, without one,
/// the texter hears nothing), so a storage outage must turn into a 5xx, never a hang, must leave nothing
/// half-written, and the host must serve again by itself once storage is back.
/// </summary>
/// <remarks>
/// How soon the 5xx comes is not measured here. It is bounded by design: storage that refuses fails within the
/// client's few retries (<c>TableStorageClientDefaultsTests</c> holds their worst case under Twilio's patience), and
/// storage that never answers is cut off by the webhook's deadline, whose 503 these tests tell apart from any other
/// failure by its status and its log record (1006).
/// </remarks>
public sealed class StorageOutageTests(AzuriteAssemblyFixture azurite)
{
    /// <summary>The webhook's record of a text it cut off at its deadline.</summary>
    private const int DeadlineEventId = 1006;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task When_azurite_is_stopped_mid_run_texts_get_a_5xx_and_the_same_host_serves_again_once_it_is_back()
    {
        await using var runner = await AzuriteRunner.StartNewAsync(Cancellation);
        await using var line = await ServedLine.StartAsync(runner.ConnectionString);
        var texts = new Texts(line);
        await texts.ExpectStateReplyAsync(InboundSms.Text("hi"), "welcome");
        var yes = InboundSms.Text("yes");

        runner.Stop();
        var status = await StatusAsync(line, yes);
        using var fallback = await line.PostAsync(ServeHost.FallbackRoute, yes.Fields, line.Sign(ServeHost.FallbackRoute, yes.Fields));

        Assert.True(status >= HttpStatusCode.InternalServerError, $"Expected a 5xx, got {(int)status}.");
        Assert.Single(await Twiml.MessagesAsync(fallback));

        // The emulator keeps its data in memory, so it comes back empty, without even the tables: the host must
        // find its feet on storage that forgot everything, without a restart. The redelivered text then comes from
        // a texter storage no longer knows, so it is a first text and gets the welcome. (What survives an outage
        // untouched is the proxy test's subject.)
        await runner.StartAsync(Cancellation);
        await texts.ExpectStateReplyAsync(yes, "welcome");
        await texts.ExpectStateReplyAsync(InboundSms.Text("1"), "dealbreaker");
        await StoredState.AssertWellFormedAsync(line);
    }

    [Fact]
    public async Task When_storage_refuses_or_stops_answering_a_text_fails_fast_writes_nothing_and_its_redelivery_is_applied_once_it_is_back()
    {
        await using var proxy = TcpFaultProxy.Start(azurite.Runner.Port);
        await using var line = await ServedLine.StartAsync(ServedLine.ConnectionStringFor(proxy.Port));
        var texts = new Texts(line);
        await texts.ExpectStateReplyAsync(InboundSms.Text("hi"), "welcome");
        await texts.ExpectStateReplyAsync(InboundSms.Text("1"), "dealbreaker");
        var before = await StoredState.SnapshotAsync(line);
        var yes = InboundSms.Text("yes");

        proxy.Mode = ProxyMode.Refuse;
        var refused = await StatusAsync(line, yes);
        var cutOffBefore = CutOff(line);
        proxy.Mode = ProxyMode.BlackHole;
        var hung = await StatusAsync(line, yes);
        proxy.Mode = ProxyMode.Pass;

        Assert.True(refused >= HttpStatusCode.InternalServerError, $"Refused storage: expected a 5xx, got {(int)refused}.");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, hung);
        Assert.Equal(cutOffBefore + 1, CutOff(line));
        Assert.Equal(before, await StoredState.SnapshotAsync(line));

        await texts.ExpectStateReplyAsync(yes, "dealbreaker_offer");
        await texts.ExpectStateReplyAsync(yes, "dealbreaker_offer");
        var conversation = await StoredState.ConversationAsync(line);
        Assert.Equal("""["welcome","dealbreaker","dealbreaker_offer"]""", conversation.GetString("Path"));
        Assert.Equal(before.Count, (await StoredState.SnapshotAsync(line)).Count);
        await StoredState.AssertWellFormedAsync(line);
    }

    /// <summary>
    /// The first text after start, with storage silent from the start (it accepts connections and never answers):
    /// the webhook's deadline cuts it off with a 503, and the fallback that Twilio then calls tells someone texting
    /// about danger what to do. (That nothing is built on a request, so the first text costs what any text costs, is
    /// <c>ServeHostTests</c>' subject.)
    /// </summary>
    [Fact]
    public async Task The_first_text_after_start_with_storage_silent_is_cut_off_at_the_deadline_with_a_503_and_the_fallback_leads_with_the_safety_line()
    {
        await using var proxy = TcpFaultProxy.Start(azurite.Runner.Port);
        proxy.Mode = ProxyMode.BlackHole;
        await using var line = await ServedLine.StartAsync(
            ServedLine.ConnectionStringFor(proxy.Port),
            new Dictionary<string, string?> { ["Twilio:WebhookDeadline"] = "00:00:01", ["Program:EmergencyNumber"] = "911" });
        var danger = InboundSms.Text("he has a gun");

        var status = await StatusAsync(line, danger);
        using var fallback = await line.PostAsync(ServeHost.FallbackRoute, danger.Fields, line.Sign(ServeHost.FallbackRoute, danger.Fields));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(1, CutOff(line));
        var reply = Assert.Single(await Twiml.MessagesAsync(fallback));
        Assert.StartsWith("Unsafe? Call 911.", reply, StringComparison.Ordinal);
        Assert.Equal(1, Core.Sms.SmsSegments.Of(reply).Count);
    }

    [Fact]
    public async Task A_write_that_commits_but_whose_answer_is_lost_is_answered_from_its_receipt_and_applied_once()
    {
        var dropper = new DropFirstBatchResponse();
        var options = TableStorageClientDefaults.CreateOptions();
        options.AddPolicy(dropper, HttpPipelinePosition.PerRetry);
        await using var line = await ServedLine.StartAsync(
            azurite.ConnectionString,
            configureServices: services => services.AddSingleton(new TableServiceClient(azurite.ConnectionString, options)));
        var texts = new Texts(line);
        await texts.ExpectStateReplyAsync(InboundSms.Text("1"), "dealbreaker");

        dropper.Armed = true;
        await texts.ExpectStateReplyAsync(InboundSms.Text("yes"), "dealbreaker_offer");

        Assert.Equal(1, dropper.Dropped);
        var conversation = await StoredState.ConversationAsync(line);
        Assert.Equal("""["dealbreaker","dealbreaker_offer"]""", conversation.GetString("Path"));
        await StoredState.AssertWellFormedAsync(line);
    }

    /// <summary>The webhook's answer to <paramref name="sms"/> (the served line's client gives up on a hang).</summary>
    private static async Task<HttpStatusCode> StatusAsync(ServedLine line, InboundSms sms)
    {
        using var response = await line.TextAsync(sms);
        return response.StatusCode;
    }

    /// <summary>How many texts the webhook has cut off at its deadline.</summary>
    private static int CutOff(ServedLine line) => line.Logs.GetSnapshot().Count(record => record.Id.Id == DeadlineEventId);

    /// <summary>Lets the first write after arming reach storage, then loses its response.</summary>
    private sealed class DropFirstBatchResponse : HttpPipelinePolicy
    {
        private int _armed;
        private int _dropped;

        public bool Armed
        {
            set => Volatile.Write(ref _armed, value ? 1 : 0);
        }

        public int Dropped => Volatile.Read(ref _dropped);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            ThrowIfDropped(message);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            ThrowIfDropped(message);
        }

        private void ThrowIfDropped(HttpMessage message)
        {
            if (message.Request.Method != RequestMethod.Get
                && Interlocked.CompareExchange(ref _armed, 0, 1) == 1)
            {
                Interlocked.Increment(ref _dropped);
                throw new IOException("The connection closed before the response arrived.");
            }
        }
    }
}
