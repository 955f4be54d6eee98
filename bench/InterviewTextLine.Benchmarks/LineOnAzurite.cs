using Azure.Data.Tables;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Hosting;
using InterviewTextLine.TableStorage;
using InterviewTextLine.TestKit.Azurite;
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

    private LineOnAzurite(ServiceProvider services, TableServiceClient tables, FreshTables freshTables)
    {
        _services = services;
        _tables = tables;
        Tables = freshTables;
    }

    /// <summary>The line's own tables.</summary>
    public FreshTables Tables { get; }

    public IServiceProvider Services => _services;

    public ITextLineService Service => _services.GetRequiredService<ITextLineService>();

    public TableConversationStore Store => _services.GetRequiredService<TableConversationStore>();

    public static async Task<LineOnAzurite> StartAsync(
        string connectionString,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        var tables = FreshTables.New();
        var values = new Dictionary<string, string?>(LocalDefaults.Values, StringComparer.OrdinalIgnoreCase) { ["Storage:ConnectionString"] = connectionString };
        tables.ApplyTo(values);
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
        var line = new LineOnAzurite(provider, new TableServiceClient(connectionString, TableStorageClientDefaults.CreateOptions()), tables);
        await line.Store.CreateTablesIfNotExistsAsync(cancellationToken);
        return line;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Tables.DeleteAsync(_tables);
    }
}
