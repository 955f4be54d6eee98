using InterviewTextLine.Hosting;
using InterviewTextLine.Cli.Serve;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Cli;

/// <summary>Builds the same services the function app runs, for the local commands.</summary>
internal static class LocalServices
{
    /// <summary>
    /// The embedded defaults, then (unless <paramref name="embeddedOnly"/>) <c>local.settings.json</c> and
    /// environment variables, then <paramref name="overrides"/>.
    /// </summary>
    public static IConfiguration Configuration(bool embeddedOnly, IEnumerable<KeyValuePair<string, string?>>? overrides = null) =>
        new ConfigurationBuilder()
            .AddLocalSources(readMachineSettings: !embeddedOnly)
            .AddInMemoryCollection(overrides ?? [])
            .Build();

    public static ServiceProvider Build(IConfiguration configuration, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(time);
        services.AddSingleton(configuration);
        services.AddTextLine(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        ValidateOptions(provider);
        return provider;
    }

    /// <summary>Resolves every validated options type now, as a host's ValidateOnStart would, so a bad setting stops the command at once.</summary>
    private static void ValidateOptions(ServiceProvider provider)
    {
        foreach (var validator in provider.GetServices<IStartupValidator>())
        {
            validator.Validate();
        }
    }
}
