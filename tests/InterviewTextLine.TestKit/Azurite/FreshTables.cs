using Azure.Data.Tables;
using InterviewTextLine.TestKit.Builders;

namespace InterviewTextLine.TestKit.Azurite;

/// <summary>
/// New, uniquely named tables for one served line (conversations and follow-ups), the settings that point the
/// line at them, and their removal afterwards. The line creates the tables itself when it starts.
/// </summary>
public sealed record FreshTables(string ConversationsTable, string FollowUpsTable)
{
    /// <summary>Two new table names, each beginning with <paramref name="prefix"/>.</summary>
    public static FreshTables New(string prefix = "") =>
        new(TestData.NewTableName(prefix + "conv"), TestData.NewTableName(prefix + "due"));

    /// <summary>The <c>Storage</c> settings naming these tables.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["Storage:ConversationsTable"] = ConversationsTable,
        ["Storage:FollowUpsTable"] = FollowUpsTable,
    };

    /// <summary>Writes <see cref="Settings"/> into <paramref name="settings"/>.</summary>
    public void ApplyTo(IDictionary<string, string?> settings)
    {
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }
    }

    /// <summary>Azurite keeps everything in memory: drops both tables once the run is over.</summary>
    public async Task DeleteAsync(TableServiceClient client, CancellationToken cancellationToken = default)
    {
        foreach (var table in new[] { ConversationsTable, FollowUpsTable })
        {
            await client.DeleteTableAsync(table, cancellationToken);
        }
    }
}
