using Azure.Data.Tables;
using Azure.Identity;
using InterviewTextLine.Core;
using InterviewTextLine.Core.Storage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.TableStorage;

public static class TableStorageServiceCollectionExtensions
{
    /// <summary>
    /// Stores conversations in Azure Table Storage: binds and validates <see cref="StorageOptions"/>
    /// (section <c>Storage</c>), registers the <see cref="TableServiceClient"/> (a connection string, or
    /// the table service URI with <see cref="DefaultAzureCredential"/>), puts the table store behind the storage
    /// contracts in place of any other, and creates the tables at startup when they are missing.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding the <c>Storage</c> section.</param>
    /// <param name="required">
    /// Whether the host must use Table Storage even with no connection setting, asked once when the store is first
    /// needed; then a missing setting stops startup, naming both. When it says no and neither setting is present, the
    /// line keeps Core's in-memory store (for local runs), and nothing of Table Storage is built.
    /// Null: always Table Storage.
    /// </param>
    public static IServiceCollection AddTableConversationStore(this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, bool>? required = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(provider => new TableStorageRequirement(required?.Invoke(provider) ?? true));
        services.AddValidatedOptions<StorageOptions>(configuration)
            .Validate<TableStorageRequirement>(
                (options, requirement) => options.IsConfigured || !requirement.Required,
                "Storage: set Storage:ConnectionString (app setting Storage__ConnectionString; UseDevelopmentStorage=true means Azurite) "
                + "or Storage:TableServiceUri (app setting Storage__TableServiceUri, used with the managed identity).");

        services.AddAzureClients(clients =>
        {
            // The credential is only built when the identity-based connection is used.
            clients.UseCredential(_ => new DefaultAzureCredential());
            clients.AddClient<TableServiceClient, TableClientOptions>((clientOptions, credential, provider) =>
            {
                var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
                TableStorageClientDefaults.Apply(clientOptions);
                return string.IsNullOrWhiteSpace(storage.ConnectionString)
                    ? new TableServiceClient(new Uri(storage.TableServiceUri!), credential, clientOptions)
                    : new TableServiceClient(storage.ConnectionString, clientOptions);
            });
        });

        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<TableConversationStore>(provider));
        services.ReplaceConversationStorage<IConversationStorage>(provider => InUse(provider)
            ? provider.GetRequiredService<TableConversationStore>()
            : provider.GetRequiredService<InMemoryConversationStore>());
        services.AddHostedService<TableStorageInitializer>();
        return services;
    }

    /// <summary>Table Storage when a connection setting is present or the host requires it.</summary>
    internal static bool InUse(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<StorageOptions>>().Value.IsConfigured || provider.GetRequiredService<TableStorageRequirement>().Required;
}

/// <summary>Whether the host must keep its conversations in Table Storage even with no connection setting.</summary>
/// <param name="Required">True: a missing setting stops startup rather than fall back to another store.</param>
public sealed record TableStorageRequirement(bool Required);
