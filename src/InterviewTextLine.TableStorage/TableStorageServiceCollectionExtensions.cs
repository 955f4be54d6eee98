using Azure.Data.Tables;
using Azure.Identity;
using InterviewTextLine.Core;
using InterviewTextLine.Core.Storage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.TableStorage;

public static class TableStorageServiceCollectionExtensions
{
    /// <summary>
    /// Stores conversations in Azure Table Storage: binds and validates <see cref="StorageOptions"/>
    /// (section <c>Storage</c>), registers the <see cref="TableServiceClient"/> (a connection string, or
    /// the table service URI with <see cref="DefaultAzureCredential"/>), replaces any other
    /// <see cref="IConversationStore"/>, <see cref="IFollowUpIndex"/> and <see cref="IRetentionScan"/>, and creates the tables at startup when they are missing.
    /// </summary>
    public static IServiceCollection AddTableConversationStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddValidatedOptions<StorageOptions>(configuration)
            .Validate(
                options => options.IsConfigured,
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

        services.ReplaceConversationStorage(provider => ActivatorUtilities.CreateInstance<TableConversationStore>(provider));
        services.AddHostedService<TableStorageInitializer>();
        return services;
    }
}
