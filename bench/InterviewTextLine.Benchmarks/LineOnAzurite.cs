using System.Security.Cryptography;
using Azure.Data.Tables;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Hosting;
using InterviewTextLine.TableStorage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewTextLine.Benchmarks;

/// <summary>
/// The line composed as the hosts compose it (<see cref="TextLineHostServiceCollectionExtensions.AddTextLine"/>)
/// on a fresh pair of tables in Azurite, which it deletes when disposed.
/// </summary>
internal sealed class LineOnAzurite : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TableServiceClient _tables;

    private LineOnAzurite(ServiceProvider services, TableServiceClient tables, string conversationsTable, string followUpsTable)
    {
        _services = services;
        _tables = tables;
        ConversationsTable = conversationsTable;
        FollowUpsTable = followUpsTable;
    }

    public string ConversationsTable { get; }

    public string FollowUpsTable { get; }

    public IServiceProvider Services => _services;

    public ITextLineService Service => _services.GetRequiredService<ITextLineService>();

    public TableConversationStore Store => _services.GetRequiredService<TableConversationStore>();

    /// <summary>Settings for the line on new tables: the local defaults plus storage.</summary>
    public static Dictionary<string, string?> Settings(string connectionString, string conversationsTable, string followUpsTable) =>
        new(LocalDefaults.Values, StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:ConversationsTable"] = conversationsTable,
            ["Storage:FollowUpsTable"] = followUpsTable,
        };

    public static string NewTableName(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static async Task<LineOnAzurite> StartAsync(
        string connectionString,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        var conversations = NewTableName("conv");
        var followUps = NewTableName("due");
        var values = Settings(connectionString, conversations, followUps);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTextLine(configuration);
        configureServices?.Invoke(services);
        var provider = services.BuildServiceProvider(validateScopes: true);
        var line = new LineOnAzurite(provider, new TableServiceClient(connectionString, TableStorageClientDefaults.CreateOptions()), conversations, followUps);
        await line.Store.CreateTablesIfNotExistsAsync(cancellationToken);
        return line;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await DeleteTablesAsync(_tables, ConversationsTable, FollowUpsTable);
    }

    /// <summary>Azurite keeps everything in memory: drop what a run wrote before the next one starts.</summary>
    public static async Task DeleteTablesAsync(TableServiceClient client, params string[] tables)
    {
        foreach (var table in tables)
        {
            await client.DeleteTableAsync(table);
        }
    }
}
