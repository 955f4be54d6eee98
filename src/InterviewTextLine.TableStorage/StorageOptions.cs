using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using InterviewTextLine.Core.Configuration;

namespace InterviewTextLine.TableStorage;

/// <summary>Table Storage settings (section <c>Storage</c>). One of the two connection settings is required.</summary>
[SettingsSection(SectionName)]
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    [LocalOnly]
    [Description("Connection string for local runs; UseDevelopmentStorage=true means Azurite. Leave empty in Azure.")]
    public string? ConnectionString { get; set; }

    [RequiredInAzure]
    [Description("Table service URI, e.g. https://stabc.table.core.windows.net; used with the managed identity.")]
    public string? TableServiceUri { get; set; }

    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    [Description("Table holding one row per texter (state, choices and the replies to their last 20 messages; after FORGET only the reply cap's count), FORGET records, address claims and the retention checkpoint.")]
    public string ConversationsTable { get; set; } = "conversations";

    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    [Description("Table indexing pending follow-up emails by due time, and holding the outbox of call-back requests (each number encrypted, until its email is sent).")]
    public string FollowUpsTable { get; set; } = "followups";

    /// <summary>True when either connection setting is present.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString) || !string.IsNullOrWhiteSpace(TableServiceUri);
}
