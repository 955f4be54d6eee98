using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using InterviewTextLine.Core.Configuration;

namespace InterviewTextLine.Hosting.Scripts;

/// <summary>Published wording (section <c>Scripts</c>): the blob container the line reads its scripts from.</summary>
[SettingsSection(SectionName)]
public sealed class ScriptStoreOptions
{
    public const string SectionName = "Scripts";

    [Url]
    [Description("URI of the blob container holding published wording (textline publish), e.g. https://stabc.blob.core.windows.net/scripts; read with the managed identity. Empty: the scripts built into the app.")]
    public string? ContainerUri { get; set; }

    [LocalOnly]
    [Description("Blob Storage connection string for local runs (UseDevelopmentStorage=true means Azurite); with it the line reads published wording from Scripts__Container.")]
    public string? ConnectionString { get; set; }

    [LocalOnly]
    [Description("Blob container of published wording, with Scripts__ConnectionString.")]
    public string Container { get; set; } = "scripts";

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    [Description("How often the running line checks for a newly published (or reverted) version.")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when the line reads published wording.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ContainerUri) || !string.IsNullOrWhiteSpace(ConnectionString);
}
