using Azure.Data.Tables;
using InterviewTextLine.Core;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Retention;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.Email;
using InterviewTextLine.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static InterviewTextLine.TestKit.Builders.TestData;

namespace InterviewTextLine.Integration.Tests.Storage;

/// <summary>
/// FORGET and the retention sweep, end to end on Table Storage: afterwards no entity in any table
/// belongs to the texter (checked by scanning every row), and other texters keep theirs.
/// </summary>
public sealed class ForgettingOnTableStorageTests(AzuriteAssemblyFixture azurite) : IAsyncLifetime
{
    private const string Forgotten = "+15555550131";
    private const string Kept = "+15555550132";
    private const string Line = "+15555550199";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));
    private IsolatedTableStore? _tables;
    private ServiceProvider? _services;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _tables = await IsolatedTableStore.CreateAsync(azurite.CreateServiceClient(), Cancellation);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.Values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IConversationStore>(_tables.Store);
        services.AddTextLineCore(configuration);
        services.AddFollowUps(configuration);
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

    private Task<LineReply> Text(string from, string body) =>
        _services!.GetRequiredService<ITextLineService>().HandleAsync(new InboundText(from, Line, body, NewMessageSid()), Cancellation);

    private string Key(string from) => _services!.GetRequiredService<PhoneHasher>().Texter(from, Line).Value;

    /// <summary>Every row of both tables that mentions the texter's key anywhere: partition, row key or a column.</summary>
    private async Task<List<string>> RowsOf(string from)
    {
        var key = Key(from);
        var found = new List<string>();
        foreach (var table in new[] { _tables!.Conversations, _tables.FollowUps })
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: Cancellation))
            {
                if (entity.PartitionKey.Contains(key, StringComparison.Ordinal) ||
                    entity.RowKey.Contains(key, StringComparison.Ordinal) ||
                    ((IDictionary<string, object>)entity).Values.OfType<string>().Any(value => value.Contains(key, StringComparison.Ordinal)))
                {
                    found.Add($"{table.Name}: {entity.PartitionKey}/{entity.RowKey}");
                }
            }
        }

        return found;
    }

    private async Task TalkAndAskForEmail(string from)
    {
        await Text(from, "the salary is way too low");
        await Text(from, "EMAIL someone@example.com");
        _time.Advance(TimeSpan.FromMinutes(10));
        await Text(from, "yes");
    }

    [Fact]
    public async Task Forget_leaves_no_entity_for_the_texter_in_any_table()
    {
        await TalkAndAskForEmail(Forgotten);
        await TalkAndAskForEmail(Kept);
        // An earlier index entry left behind, as an interrupted sweep could leave one.
        await _tables!.Store.IndexFollowUpAsync(new TexterId(Key(Forgotten)), _time.GetUtcNow().AddMinutes(-5), Cancellation);
        Assert.NotEmpty(await RowsOf(Forgotten));

        var reply = await Text(Forgotten, "FORGET");

        Assert.Contains("erased", reply.Text, StringComparison.Ordinal);
        Assert.Empty(await RowsOf(Forgotten));
        Assert.NotEmpty(await RowsOf(Kept));
    }

    [Fact]
    public async Task Retention_deletes_idle_conversations_with_everything_stored_for_them()
    {
        await TalkAndAskForEmail(Forgotten);
        _time.Advance(TimeSpan.FromDays(29));
        await TalkAndAskForEmail(Kept);
        _time.Advance(TimeSpan.FromDays(2));

        var deleted = await _services!.GetRequiredService<RetentionSweeper>().RunAsync(Cancellation);

        Assert.Equal(1, deleted);
        Assert.Empty(await RowsOf(Forgotten));
        Assert.NotEmpty(await RowsOf(Kept));
    }
}
