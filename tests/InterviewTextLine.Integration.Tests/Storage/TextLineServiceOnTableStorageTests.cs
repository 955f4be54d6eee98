using Azure.Data.Tables;
using InterviewTextLine.Core;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Storage;
using InterviewTextLine.Understanding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static InterviewTextLine.TestKit.Builders.TestData;

namespace InterviewTextLine.Integration.Tests.Storage;

/// <summary>The application service on Table Storage: idempotency, concurrency and the cost of a text.</summary>
public sealed class TextLineServiceOnTableStorageTests(AzuriteAssemblyFixture azurite) : IAsyncLifetime
{
    private const string From = "+15555550123";
    private const string Line = "+15555550199";

    private readonly StorageRequestCounter _counter = new();
    private IsolatedTableStore? _tables;
    private SaveRecordingStore? _store;
    private ServiceProvider? _services;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ITextLineService Service => _services!.GetRequiredService<ITextLineService>();

    private TexterId Texter => _services!.GetRequiredService<PhoneHasher>().Texter(From, Line);

    public async ValueTask InitializeAsync()
    {
        _tables = await IsolatedTableStore.CreateAsync(azurite.CreateServiceClient(_counter), Cancellation);
        _store = new SaveRecordingStore(_tables.Store);
        // Twenty HELPs in a burst: past the HELP cap's default, which is not what these tests are about.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(LocalDefaults.Values)
            .AddInMemoryCollection([new("Limits:HelpPerWindow", "20")])
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero)));
        services.ReplaceConversationStorage(_ => _tables.Store);
        services.AddSingleton<IConversationStore>(_store);
        services.AddTextLineCore(configuration).AddTextUnderstanding();
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_tables is not null)
        {
            await _tables.DisposeAsync();
        }
    }

    [Fact]
    public async Task Each_text_of_a_conversation_costs_one_read_and_one_write()
    {
        foreach (var body in new[] { "hi", "HELP", "something the line does not know" })
        {
            _counter.Reset();

            var reply = await Service.HandleAsync(new InboundText(From, Line, body, NewMessageSid()), Cancellation);

            Assert.False(reply.IsSilent);
            Assert.True(_counter.Reads == 1 && _counter.Writes == 1, $"\"{body}\": {_counter}");
        }
    }

    [Fact]
    public async Task Twenty_parallel_deliveries_of_one_message_advance_the_state_once_and_all_get_the_same_reply()
    {
        var text = new InboundText(From, Line, "hi", NewMessageSid());

        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Service.HandleAsync(text, Cancellation)));

        Assert.Single(replies.Select(reply => reply.Text).Distinct());
        Assert.NotNull(replies[0].Text);
        Assert.Equal([text.MessageId], _store!.ChainOfMessageIds());
        Assert.Single(_store.Saves);
        Assert.Equal(["conversation"], await RowKeysAsync());
        var handled = await _store.ReadAsync(Texter, Cancellation);
        Assert.Equal([text.MessageId], handled!.Conversation.Receipts.Select(receipt => receipt.MessageId));
    }

    [Fact]
    public async Task Twenty_different_texts_from_one_number_in_parallel_are_all_applied_one_on_top_of_another()
    {
        await Service.HandleAsync(new InboundText(From, Line, "hi", NewMessageSid()), Cancellation);
        var texts = Enumerable.Range(0, 20).Select(_ => new InboundText(From, Line, "HELP", NewMessageSid())).ToList();

        var replies = await Task.WhenAll(texts.Select(text => Service.HandleAsync(text, Cancellation)));

        Assert.All(replies, reply => Assert.False(reply.IsSilent));
        var chain = _store!.ChainOfMessageIds();
        Assert.Equal(21, chain.Count);
        Assert.Equal(texts.Select(text => text.MessageId).Order(), chain.Skip(1).Order());
        var stored = await _tables!.Store.ReadAsync(Texter, Cancellation);
        Assert.Equal(_store.Saves.Single(save => save.MessageId == chain[^1]).Produced, stored!.ETag);
        foreach (var text in texts)
        {
            var snapshot = await _tables.Store.ReadForMessageAsync(Texter, text.MessageId, Cancellation);
            Assert.NotNull(snapshot.Receipt);
        }
    }

    private async Task<List<string>> RowKeysAsync()
    {
        var keys = new List<string>();
        await foreach (var entity in _tables!.Conversations.QueryAsync<TableEntity>(select: ["RowKey"], cancellationToken: Cancellation))
        {
            keys.Add(entity.RowKey);
        }

        return keys;
    }
}
