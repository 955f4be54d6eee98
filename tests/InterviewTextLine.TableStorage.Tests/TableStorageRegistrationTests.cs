using Azure.Data.Tables;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Builders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.TableStorage.Tests;

public sealed class TableStorageRegistrationTests(AzuriteAssemblyFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Startup_without_either_connection_setting_fails_naming_both()
    {
        using var host = BuildHost([]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Cancellation));

        Assert.Contains("Storage:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:TableServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_with_an_invalid_table_name_fails_naming_the_setting()
    {
        using var host = BuildHost(new()
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:ConversationsTable"] = "no-dashes-allowed",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Cancellation));

        Assert.Contains("ConversationsTable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_creates_both_tables_and_the_table_store_replaces_the_in_memory_default()
    {
        var conversations = TestData.NewTableName("regconversations");
        var followUps = TestData.NewTableName("regfollowups");
        using var host = BuildHost(
            new()
            {
                ["Storage:ConnectionString"] = azurite.ConnectionString,
                ["Storage:ConversationsTable"] = conversations,
                ["Storage:FollowUpsTable"] = followUps,
            },
            services => services.TryAddSingleton<IConversationStore, InMemoryConversationStore>());

        await host.StartAsync(Cancellation);
        try
        {
            var names = new List<string>();
            await foreach (var table in azurite.CreateServiceClient().QueryAsync(cancellationToken: Cancellation))
            {
                names.Add(table.Name);
            }

            Assert.Contains(conversations, names);
            Assert.Contains(followUps, names);
            Assert.IsType<TableConversationStore>(host.Services.GetRequiredService<IConversationStore>());
        }
        finally
        {
            await host.StopAsync(Cancellation);
            var client = azurite.CreateServiceClient();
            await client.DeleteTableAsync(conversations, Cancellation);
            await client.DeleteTableAsync(followUps, Cancellation);
        }
    }

    [Fact]
    public void The_table_store_wins_over_an_in_memory_default_registered_after_it()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddTableConversationStore(Configuration(new() { ["Storage:ConnectionString"] = azurite.ConnectionString }));
        services.TryAddSingleton<IConversationStore, InMemoryConversationStore>();

        using var provider = services.BuildServiceProvider();

        Assert.IsType<TableConversationStore>(provider.GetRequiredService<IConversationStore>());
    }

    [Fact]
    public void The_table_service_uri_alone_gives_an_identity_based_client_for_that_account()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddTableConversationStore(Configuration(new() { ["Storage:TableServiceUri"] = "https://stexample.table.core.windows.net" }));

        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<TableServiceClient>();

        Assert.Equal("stexample", client.AccountName);
        Assert.IsType<TableConversationStore>(provider.GetRequiredService<IConversationStore>());
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static IHost BuildHost(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        before?.Invoke(builder.Services);
        builder.Services.AddTableConversationStore(builder.Configuration);
        return builder.Build();
    }
}
