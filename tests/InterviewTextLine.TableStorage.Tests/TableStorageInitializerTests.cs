using System.Net;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace InterviewTextLine.TableStorage.Tests;

/// <summary>Creating the tables at startup, when the storage account says no.</summary>
public sealed class TableStorageInitializerTests
{
    private const string InitializerCategory = "InterviewTextLine.TableStorage.TableStorageInitializer";

    [Fact]
    public async Task A_403_on_creating_the_tables_is_logged_at_information_as_the_deployments_job()
    {
        using var host = BuildHost(HttpStatusCode.Forbidden);
        await host.StartAsync(TestContext.Current.CancellationToken);

        var record = Assert.Single(host.Services.GetRequiredService<FakeLogCollector>().GetSnapshot(), log => log.Category == InitializerCategory);
        Assert.Equal(LogLevel.Information, record.Level);
        Assert.Equal(4103, record.Id.Id);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Any_other_refusal_on_creating_the_tables_is_still_an_error()
    {
        using var host = BuildHost(HttpStatusCode.BadRequest);
        await host.StartAsync(TestContext.Current.CancellationToken);

        var record = Assert.Single(host.Services.GetRequiredService<FakeLogCollector>().GetSnapshot(), log => log.Category == InitializerCategory);
        Assert.Equal(LogLevel.Error, record.Level);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A host whose table service answers every request with <paramref name="status"/>.</summary>
    private static IHost BuildHost(HttpStatusCode status)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("Storage:ConnectionString", "UseDevelopmentStorage=true")]);
        builder.Services.AddLogging(logging => logging.AddFakeLogging());
        builder.Services.AddTableConversationStore(builder.Configuration);
        var options = TableStorageClientDefaults.CreateOptions();
        options.Transport = new HttpClientTransport(new HttpClient(new AnsweringHandler(status)));
        builder.Services.AddSingleton(new TableServiceClient("UseDevelopmentStorage=true", options));
        return builder.Build();
    }

    private sealed class AnsweringHandler(HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status)
            {
                Content = new StringContent("""{"odata.error":{"code":"AuthorizationPermissionMismatch","message":{"lang":"en-US","value":"refused"}}}""", System.Text.Encoding.UTF8, "application/json"),
            });
    }
}
