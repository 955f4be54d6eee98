using System.Text.Json;
using Azure.Data.Tables;
using InterviewTextLine.Core.Handoffs;
using InterviewTextLine.Integration.Tests.Resilience;
using InterviewTextLine.Integration.Tests.Webhook;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace InterviewTextLine.Integration.Tests.Handoffs;

/// <summary>
/// The handoff from outside: <c>textline serve</c> over HTTP, conversations and the outbox in Table Storage on Azurite,
/// SendGrid on loopback. Replies are read from the parsed TwiML, the outbox from the stored rows and the email from the
/// request SendGrid received. The host's own handoff schedule is set to once a year, so each test runs the sender itself.
/// </summary>
public sealed class HandoffOnAzuriteTests(AzuriteAssemblyFixture azurite)
{
    private const string Inbox = "callbacks@example.edu";

    /// <summary>The texter's number without its "+", as it would appear in any column or log line that held it.</summary>
    private static readonly string Digits = InboundSms.TexterNumber.TrimStart('+');

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private sealed class Setup : IAsyncDisposable
    {
        public required FakeSendGridServer SendGrid { get; init; }

        public required ServedLine Line { get; init; }

        public required FakeTimeProvider Time { get; init; }

        public async Task<string> TextAsync(string body)
        {
            using var response = await Line.TextAsync(InboundSms.Text(body));
            return Assert.Single(await Twiml.MessagesAsync(response));
        }

        public async Task<IReadOnlyList<string>> SilentAsync(string body)
        {
            using var response = await Line.TextAsync(InboundSms.Text(body));
            return await Twiml.MessagesAsync(response);
        }

        public Task<HandoffSweepResult> SendAsync() => Line.Get<IHandoffDispatcher>().RunAsync(Cancellation);

        public async Task<IReadOnlyList<TableEntity>> OutboxAsync()
        {
            var rows = new List<TableEntity>();
            await foreach (var row in Line.FollowUps.QueryAsync<TableEntity>(entity => entity.PartitionKey == "handoffs", cancellationToken: Cancellation))
            {
                rows.Add(row);
            }

            return rows;
        }

        public async ValueTask DisposeAsync()
        {
            await Line.DisposeAsync();
            await SendGrid.DisposeAsync();
        }
    }

    private async Task<Setup> StartAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));
        var sendGrid = await FakeSendGridServer.StartAsync(Cancellation);
        var line = await ServedLine.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?>
            {
                ["SendGrid:ApiKey"] = "SG.test-key",
                ["SendGrid:Host"] = sendGrid.Url,
                ["Handoff:Email"] = Inbox,
                ["Handoff:TimeZone"] = "America/New_York",
                ["Handoff:Schedule"] = "0 0 0 1 1 *",
            },
            services => services.AddSingleton<TimeProvider>(time));
        return new Setup { SendGrid = sendGrid, Line = line, Time = time };
    }

    [Fact]
    public async Task Talk_then_yes_sends_sendgrid_exactly_one_email_to_the_inbox_with_the_number_and_the_situations()
    {
        await using var setup = await StartAsync();
        await setup.TextAsync("2");
        await setup.TextAsync("5");

        var consent = await setup.TextAsync("TALK");
        var confirmed = await setup.TextAsync("yes");
        var queued = Assert.Single(await setup.OutboxAsync());
        var first = await setup.SendAsync();
        var second = await setup.SendAsync();

        Assert.StartsWith("Share this number with Career Services (local) so a person contacts you today?", consent);
        Assert.StartsWith("Thanks. Career Services (local) has your number", confirmed);
        Assert.StartsWith("v1.", queued.GetString("Number"));
        Assert.Single(first.Sent);
        Assert.Empty(second.Sent);
        var request = Assert.Single(setup.SendGrid.Requests).Body;
        Assert.Equal(Inbox, request.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString());
        var text = request.GetProperty("content").EnumerateArray().First(part => part.GetProperty("type").GetString() == "text/plain").GetProperty("value").GetString()!;
        Assert.Contains("Number: " + InboundSms.TexterNumber, text, StringComparison.Ordinal);
        Assert.Contains("Language: English (en)", text, StringComparison.Ordinal);
        Assert.Contains("1. The interviewer was rude or hostile\n2. They asked something they shouldn't", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("TALK", text, StringComparison.Ordinal);
        Assert.Empty(await setup.OutboxAsync());
        Assert.Equal("Sent", (await StoredState.ConversationAsync(setup.Line)).GetString("HandoffStatus"));
    }

    [Fact]
    public async Task A_send_sendgrid_refuses_with_a_503_is_retried_on_a_later_run_and_accepted_once()
    {
        await using var setup = await StartAsync();
        setup.SendGrid.Then(503);
        await setup.TextAsync("TALK");
        await setup.TextAsync("yes");

        var failed = await setup.SendAsync();
        var row = Assert.Single(await setup.OutboxAsync());
        var tooSoon = await setup.SendAsync();
        setup.Time.Advance(HandoffDispatcher.Backoff(1));
        var sent = await setup.SendAsync();
        var after = await setup.SendAsync();

        Assert.Equal((0, 1), (failed.Sent.Count, failed.Retried));
        Assert.Equal(1, row.GetInt32("Attempts"));
        Assert.Empty(tooSoon.Sent);
        Assert.Single(sent.Sent);
        Assert.Empty(after.Sent);
        Assert.Equal(2, setup.SendGrid.Requests.Count);
        Assert.Empty(await setup.OutboxAsync());
        Assert.Equal("Sent", (await StoredState.ConversationAsync(setup.Line)).GetString("HandoffStatus"));
    }

    [Theory]
    [InlineData("NO")]
    [InlineData("STOP")]
    [InlineData("FORGET")]
    public async Task No_stop_or_forget_before_the_send_leaves_no_row_and_sends_nothing(string word)
    {
        await using var setup = await StartAsync();
        await setup.TextAsync("TALK");
        if (word != "NO")
        {
            await setup.TextAsync("yes");
            Assert.Single(await setup.OutboxAsync());
        }

        await setup.SilentAsync(word);
        await setup.SendAsync();

        Assert.Empty(await setup.OutboxAsync());
        Assert.Empty(setup.SendGrid.Requests);
    }

    [Fact]
    public async Task A_second_request_the_same_day_is_refused_even_after_forget()
    {
        await using var setup = await StartAsync();
        await setup.TextAsync("TALK");
        await setup.TextAsync("yes");
        await setup.SendAsync();
        await setup.TextAsync("FORGET");

        await setup.TextAsync("can someone call me");
        var refused = await setup.TextAsync("yes");
        await setup.SendAsync();

        Assert.StartsWith("Career Services (local) already has your request from today", refused);
        Assert.Empty(await setup.OutboxAsync());
        Assert.Single(setup.SendGrid.Requests);
    }

    [Fact]
    public async Task No_row_of_either_table_and_no_log_line_holds_the_number_in_plain_text()
    {
        await using var setup = await StartAsync();
        setup.SendGrid.Then(503);
        await setup.TextAsync("he pulled a knife");
        await setup.TextAsync("OUT");
        await setup.TextAsync("TALK");
        await setup.TextAsync("yes");
        await setup.SendAsync();

        var rows = new List<TableEntity>(await setup.Line.RowsAsync());
        await foreach (var row in setup.Line.FollowUps.QueryAsync<TableEntity>(cancellationToken: Cancellation))
        {
            rows.Add(row);
        }

        Assert.Contains(rows, row => row.PartitionKey == "handoffs");
        Assert.All(rows, row => Assert.DoesNotContain(Digits, JsonSerializer.Serialize(row.ToDictionary(pair => pair.Key, pair => pair.Value?.ToString())), StringComparison.Ordinal));
        setup.Time.Advance(HandoffDispatcher.Backoff(1));
        Assert.Single((await setup.SendAsync()).Sent);
        var records = setup.Line.Logs.GetSnapshot();
        Assert.NotEmpty(records);
        Assert.All(records, record => Assert.DoesNotContain(Digits, record.Message + " " + record.Exception, StringComparison.Ordinal));
    }
}
