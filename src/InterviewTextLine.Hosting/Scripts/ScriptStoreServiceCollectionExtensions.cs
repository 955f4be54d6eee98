using Azure.Identity;
using Azure.Storage.Blobs;
using InterviewTextLine.Core;
using InterviewTextLine.Core.Flow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Hosting.Scripts;

public static class ScriptStoreServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="ScriptStoreOptions"/>, and registers the blob script store and the watcher that
    /// keeps the running line on the published version; the watcher is built and run only when a container is
    /// configured (<see cref="PublishedScriptsWatch"/>).
    /// </summary>
    public static IServiceCollection AddPublishedScripts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<ScriptStoreOptions>(configuration);
        services.TryAddSingleton<IScriptStore>(provider => new BlobScriptStore(Container(provider.GetRequiredService<IOptions<ScriptStoreOptions>>().Value)));
        services.TryAddSingleton<ScriptWatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PublishedScriptsWatch>());
        return services;
    }

    /// <summary>The container: by its URI with <see cref="DefaultAzureCredential"/> (the app's identity, or the operator's sign-in), or by a connection string.</summary>
    public static BlobContainerClient Container(ScriptStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobContainerClient(new Uri(options.ContainerUri!), new DefaultAzureCredential())
            : new BlobContainerClient(options.ConnectionString, options.Container);
    }
}
