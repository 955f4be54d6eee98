using System.Text.Json;
using InterviewTextLine.Core.Configuration;

namespace InterviewTextLine.Cli.Serve;

/// <summary>
/// Reads the <c>Values</c> object of a Functions <c>local.settings.json</c> as configuration, so that
/// <c>textline serve</c> and <c>func start</c> share one settings file. <c>__</c> in a name means <c>:</c>,
/// as it does for environment variables.
/// </summary>
public static class LocalSettingsConfiguration
{
    public const string FileName = "local.settings.json";

    /// <summary>
    /// The settings every local command reads, lowest first: <see cref="LocalDefaults"/>, then (when
    /// <paramref name="readMachineSettings"/>) <c>local.settings.json</c> <c>Values</c> and environment variables.
    /// </summary>
    public static IConfigurationBuilder AddLocalSources(this IConfigurationBuilder builder, bool readMachineSettings, string? localSettingsFile = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddInMemoryCollection(LocalDefaults.Values);
        if (readMachineSettings)
        {
            var file = localSettingsFile ?? Find(Directory.GetCurrentDirectory());
            if (file is not null)
            {
                builder.AddLocalSettingsValues(file);
            }

            builder.AddEnvironmentVariables();
        }

        return builder;
    }

    public static IConfigurationBuilder AddLocalSettingsValues(this IConfigurationBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddInMemoryCollection(ReadValues(path));
    }

    /// <summary>The flattened <c>Values</c> of the file, or nothing when the file does not exist.</summary>
    public static IReadOnlyDictionary<string, string?> ReadValues(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return values;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        if (!document.RootElement.TryGetProperty("Values", out var section) || section.ValueKind != JsonValueKind.Object)
        {
            return values;
        }

        foreach (var property in section.EnumerateObject())
        {
            values[property.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null => null,
                _ => property.Value.GetRawText(),
            };
        }

        return values;
    }

    /// <summary>
    /// Where serve looks for the file: the current directory, then the repository root (the folder holding
    /// <c>host.json</c>), so that it can be run from anywhere in a clone.
    /// </summary>
    public static string? Find(string startDirectory)
    {
        ArgumentNullException.ThrowIfNull(startDirectory);
        var here = Path.Combine(startDirectory, FileName);
        if (File.Exists(here))
        {
            return here;
        }

        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "host.json")) && File.Exists(Path.Combine(directory.FullName, FileName)))
            {
                return Path.Combine(directory.FullName, FileName);
            }
        }

        return null;
    }
}
