using System.Collections.Concurrent;
using System.Globalization;
using Azure.Data.Tables;
using InterviewTextLine.Core;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Integration.Tests.Storage;
using InterviewTextLine.Integration.Tests.Webhook;
using InterviewTextLine.TableStorage;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Storage;
using InterviewTextLine.Understanding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace InterviewTextLine.Integration.Tests.Resilience;

/// <summary>
/// Many texters at once, the same message many times at once, and one texter texting many times at once, all on
/// Table Storage (Azurite): nothing lost, nothing applied twice, one reply per MessageSid.
/// </summary>
public sealed class LoadTests(AzuriteAssemblyFixture azurite)
{
    private const string LineNumber = "+15555550199";
    private const int Texters = 500;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Five_hundred_concurrent_texters_each_get_the_right_reply_at_every_step_and_end_where_their_transcript_ends()
    {
        // The production retry policy with a longer network time-out: the emulator is one single-threaded process,
        // and with 500 texters on a shared machine a request can queue behind hundreds of others for longer than the
        // 3 s meant for a silent Azure endpoint (StorageOutageTests covers that). This test is about correctness.
        var options = TableStorageClientDefaults.CreateOptions();
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        await using var tables = await IsolatedTableStore.CreateAsync(new TableServiceClient(azurite.ConnectionString, options), Cancellation);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var services = Services(tables.Store);
        var service = services.GetRequiredService<ITextLineService>();
        var engine = services.GetRequiredService<ConversationEngine>();
        var hasher = services.GetRequiredService<PhoneHasher>();
        var transcripts = Transcripts(engine);
        var mistakes = new ConcurrentQueue<string>();
        var sent = new ConcurrentDictionary<string, string[]>(StringComparer.Ordinal);

        await Task.WhenAll(Enumerable.Range(0, Texters).Select(async texter =>
        {
            var from = Number(texter);
            var transcript = transcripts[texter % transcripts.Count];
            var ids = transcript.Select(_ => TestKit.Builders.TestData.NewMessageSid()).ToArray();
            sent[from] = ids;
            for (var step = 0; step < transcript.Count; step++)
            {
                var reply = await service.HandleAsync(new InboundText(from, LineNumber, transcript[step].Body, ids[step]), Cancellation);
                if (reply.Text != transcript[step].Reply)
                {
                    mistakes.Enqueue($"texter {texter}, step {step} (\"{transcript[step].Body}\"): got \"{reply.Text}\"");
                }
            }
        }));

        TestContext.Current.TestOutputHelper?.WriteLine($"{Texters} texters, {Texters * 4} texts in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Empty(mistakes);
        var partitions = new Dictionary<string, List<TableEntity>>(StringComparer.Ordinal);
        await foreach (var row in tables.Conversations.QueryAsync<TableEntity>(cancellationToken: Cancellation))
        {
            (partitions.TryGetValue(row.PartitionKey, out var rows) ? rows : partitions[row.PartitionKey] = []).Add(row);
        }

        Assert.Equal(Texters, partitions.Count);
        for (var texter = 0; texter < Texters; texter++)
        {
            var from = Number(texter);
            var last = transcripts[texter % transcripts.Count][^1];
            var id = hasher.Texter(from, LineNumber);
            var conversation = (await tables.Store.ReadAsync(id, Cancellation))?.Conversation;
            Assert.True(conversation?.StateId == last.State && conversation.OptedOut == last.OptedOut, $"texter {texter} ended in {conversation?.StateId}");
            Assert.Equal(["conversation"], partitions[id.Value].Select(row => row.RowKey));
            var receipts = conversation!.Receipts.Select(receipt => receipt.MessageId).Order(StringComparer.Ordinal);
            Assert.Equal(sent[from].Order(StringComparer.Ordinal), receipts);
        }
    }

    [Fact]
    public async Task Fifty_parallel_deliveries_of_one_message_over_http_advance_the_conversation_once_and_all_get_the_same_reply()
    {
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString);
        var texts = new Texts(line);
        await texts.ExpectStateReplyAsync(InboundSms.Text("hi"), "welcome");
        await texts.ExpectStateReplyAsync(InboundSms.Text("1"), "dealbreaker");
        var yes = InboundSms.Text("yes");

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => line.TextAsync(yes)));

        var replies = new List<IReadOnlyList<string>>();
        foreach (var response in responses)
        {
            using (response)
            {
                replies.Add(await Twiml.MessagesAsync(response));
            }
        }

        Assert.All(replies, reply => Assert.Equal([texts.StateText("dealbreaker_offer")], reply));
        var conversation = await StoredState.ConversationAsync(line);
        Assert.Equal("dealbreaker_offer", conversation.GetString("StateId"));
        Assert.Equal("""["welcome","dealbreaker","dealbreaker_offer"]""", conversation.GetString("Path"));
        Assert.Single(await line.RowsAsync());
        var stored = await line.Get<TableConversationStore>().ReadAsync(new TexterId(conversation.PartitionKey), Cancellation);
        Assert.Equal(3, stored!.Conversation.Receipts.Count);
        await StoredState.AssertWellFormedAsync(line);
    }

    [Fact]
    public async Task Twenty_simultaneous_texts_from_one_number_over_http_are_all_applied_one_on_top_of_another_with_its_own_reply_each()
    {
        // A burst well past the reply cap and the HELP cap of one number: this is about concurrent writes, not the caps.
        await using var line = await ServedLine.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?> { ["Limits:RepliesPerNumber"] = "100", ["Limits:HelpPerWindow"] = "20" },
            configureServices: services =>
            {
                services.AddSingleton(provider => new SaveRecordingStore(provider.GetRequiredService<TableConversationStore>()));
                services.AddSingleton<IConversationStore>(provider => provider.GetRequiredService<SaveRecordingStore>());
            });
        var texts = new Texts(line);
        var engine = line.Get<ConversationEngine>();
        await texts.ExpectStateReplyAsync(InboundSms.Text("1"), "dealbreaker");

        // HELP and WORDS leave the state alone and answer differently, so each reply shows which text it answers.
        var burst = Enumerable.Range(0, 20).Select(i => InboundSms.Text(i % 2 == 0 ? "HELP" : "WORDS")).ToList();
        var expected = burst.ToDictionary(
            sms => sms.MessageSid,
            sms => sms.Fields["Body"] == "HELP" ? engine.Render(engine.Script.Message(MessageKeys.Help)) : engine.Render(engine.Script.State("dealbreaker").Words!));
        var responses = await Task.WhenAll(burst.Select(sms => line.TextAsync(sms)));

        for (var i = 0; i < burst.Count; i++)
        {
            using var response = responses[i];
            Assert.Equal([expected[burst[i].MessageSid]], await Twiml.MessagesAsync(response));
        }

        // One unbroken chain of ETags from the first save to the stored row: every write was built on the one before.
        var recorder = line.Get<SaveRecordingStore>();
        var chain = recorder.ChainOfMessageIds();
        Assert.Equal(21, chain.Count);
        Assert.Equal(burst.Select(sms => sms.MessageSid).Order(StringComparer.Ordinal), chain.Skip(1).Order(StringComparer.Ordinal));
        var conversation = await StoredState.ConversationAsync(line);
        Assert.Equal(recorder.Saves.Single(save => save.MessageId == chain[^1]).Produced, conversation.ETag.ToString());
        Assert.Equal("dealbreaker", conversation.GetString("StateId"));
        // The row keeps the receipts of the last twenty texts, in the order they were applied.
        var receipts = (await line.Get<TableConversationStore>().ReadAsync(new TexterId(conversation.PartitionKey), Cancellation))!.Conversation.Receipts;
        Assert.Equal(chain.TakeLast(MessageReceipts.Capacity), receipts.Select(receipt => receipt.MessageId));
        Assert.All(receipts, receipt => Assert.Equal(expected[receipt.MessageId], receipt.Reply));
        Assert.Single(await line.RowsAsync());
        await StoredState.AssertWellFormedAsync(line);
    }

    private static string Number(int texter) => "+1555" + texter.ToString("D7", CultureInfo.InvariantCulture);

    private static ServiceProvider Services(IConversationStore store)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.Values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero)));
        services.AddSingleton(store);
        services.AddTextLineCore(configuration).AddTextUnderstanding();
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>Four short conversations that together visit every situation, HELP, MENU and STOP.</summary>
    private static IReadOnlyList<IReadOnlyList<Step>> Transcripts(ConversationEngine engine)
    {
        string State(string id) => engine.Render(engine.Script.State(id).Text);
        var help = engine.Render(engine.Script.Message(MessageKeys.Help));
        return
        [
            [new("hi", "welcome", State("welcome")), new("1", "dealbreaker", State("dealbreaker")), new("yes", "dealbreaker_offer", State("dealbreaker_offer")), new("DONE", "done", State("done"))],
            [new("hi", "welcome", State("welcome")), new("2", "leave_now", State("leave_now")), new("I left", "leave_now_out", State("leave_now_out")), new("HELP", "leave_now_out", help)],
            [new("3", "on_the_fence", State("on_the_fence")), new("still a problem", "fence_still", State("fence_still")), new("4", "not_for_me", State("not_for_me")), new("how", "notforme_exit", State("notforme_exit"))],
            [new("hi", "welcome", State("welcome")), new("4", "not_for_me", State("not_for_me")), new("MENU", "welcome", State("welcome")), new("STOP", "welcome", null, OptedOut: true)],
        ];
    }

    private sealed record Step(string Body, string State, string? Reply, bool OptedOut = false);
}
