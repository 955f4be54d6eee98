using Azure.Data.Tables;
using InterviewTextLine.TableStorage;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Builders;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.TestKit.Storage;

/// <summary>A Table Storage store on tables of its own, so tests never see each other's rows.</summary>
public sealed class IsolatedTableStore : IAsyncDisposable
{
    private readonly TableServiceClient _client;

    private IsolatedTableStore(TableServiceClient client, StorageOptions options)
    {
        _client = client;
        StorageOptions = options;
        Store = new TableConversationStore(client, Options.Create(options));
    }

    public StorageOptions StorageOptions { get; }

    public TableConversationStore Store { get; }

    public TableClient Conversations => _client.GetTableClient(StorageOptions.ConversationsTable);

    public TableClient FollowUps => _client.GetTableClient(StorageOptions.FollowUpsTable);

    public static async Task<IsolatedTableStore> CreateAsync(TableServiceClient client, CancellationToken cancellationToken)
    {
        var store = new IsolatedTableStore(client, new StorageOptions
        {
            ConversationsTable = TestData.NewTableName("conversations"),
            FollowUpsTable = TestData.NewTableName("followups"),
        });
        await store.Store.CreateTablesIfNotExistsAsync(cancellationToken);
        return store;
    }

    /// <summary>Fresh tables for one contract test, deleted after it.</summary>
    public static async Task<StorageUnderTest> CreateUnderTestAsync(AzuriteAssemblyFixture azurite, CancellationToken cancellationToken)
    {
        var tables = await CreateAsync(azurite.CreateServiceClient(), cancellationToken);
        return StorageUnderTest.Of(tables.Store, tables);
    }

    public async ValueTask DisposeAsync()
    {
        await Conversations.DeleteAsync();
        await FollowUps.DeleteAsync();
    }
}
