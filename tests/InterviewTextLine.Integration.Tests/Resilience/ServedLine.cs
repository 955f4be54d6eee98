using System.Globalization;
using Azure.Data.Tables;
using InterviewTextLine.Cli.Serve;
using InterviewTextLine.Hosting.Webhook;
using InterviewTextLine.Integration.Tests.Webhook;
using InterviewTextLine.TableStorage;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Integration.Tests.Resilience;

/// <summary>
/// <c>textline serve</c> on a free loopback port with conversations in Table Storage (tables of its own), hermetic
/// settings and every log record collected, whatever its level or category.
/// </summary>
internal sealed class ServedLine : IAsyncDisposable
{
    private ServedLine(WebApplication app, string connectionString, FreshTables tables)
    {
        App = app;
        ConnectionString = connectionString;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
        Tables = new TableServiceClient(connectionString, TableStorageClientDefaults.CreateOptions());
        Conversations = Tables.GetTableClient(tables.ConversationsTable);
        FollowUps = Tables.GetTableClient(tables.FollowUpsTable);
    }

    public WebApplication App { get; }

    /// <summary>The connection string the line was started with.</summary>
    public string ConnectionString { get; }

    public HttpClient Client { get; }

    /// <summary>A client of the test's own, for looking at what the host stored.</summary>
    public TableServiceClient Tables { get; }

    public TableClient Conversations { get; }

    public TableClient FollowUps { get; }

    public FakeLogCollector Logs => App.Services.GetRequiredService<FakeLogCollector>();

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>A connection string for Azurite's account at another port (a proxy in front of the emulator).</summary>
    public static string ConnectionStringFor(int port) => string.Create(
        CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteRunner.AccountName};AccountKey={AzuriteRunner.AccountKey};TableEndpoint=http://127.0.0.1:{port}/{AzuriteRunner.AccountName};");

    public static async Task<ServedLine> StartAsync(
        string connectionString,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var tables = FreshTables.New("res");
        var options = new ServeHostOptions { Urls = "http://127.0.0.1:0", ReadMachineSettings = false, StorageConnectionString = connectionString };
        options.Settings["Twilio:AuthToken"] = WebhookTestHost.AuthToken;
        tables.ApplyTo(options.Settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            options.Settings[key] = value;
        }

        var app = ServeHost.Build(options, services =>
        {
            services.AddLogging(logging =>
            {
                logging.SetMinimumLevel(LogLevel.Trace);
                logging.AddFakeLogging();

                // A provider's own rule wins over the host's per-category filters, so the collector sees everything.
                logging.AddFilter<FakeLoggerProvider>(null, LogLevel.Trace);
            });
            configureServices?.Invoke(services);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new ServedLine(app, connectionString, tables);
    }

    /// <summary>Posts <paramref name="sms"/> to the webhook, signed as Twilio signs it.</summary>
    public Task<HttpResponseMessage> TextAsync(InboundSms sms) =>
        PostAsync(ServeHost.WebhookRoute, sms.Fields, Sign(ServeHost.WebhookRoute, sms.Fields));

    public string Sign(string route, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var baseUrl = App.Services.GetRequiredService<IOptions<TwilioOptions>>().Value.WebhookBaseUrl.TrimEnd('/');
        return TwilioTestSigner.Sign(WebhookTestHost.AuthToken, baseUrl + route, fields);
    }

    public Task<HttpResponseMessage> PostAsync(string route, IEnumerable<KeyValuePair<string, string>> fields, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = new FormUrlEncodedContent(fields) };
        if (signature is not null)
        {
            request.Headers.Add(TwilioSignatureValidator.SignatureHeader, signature);
        }

        return Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Every row of the conversations table.</summary>
    public async Task<IReadOnlyList<TableEntity>> RowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Conversations.QueryAsync<TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await App.StopAsync(stop.Token);
        await App.DisposeAsync();
    }
}
