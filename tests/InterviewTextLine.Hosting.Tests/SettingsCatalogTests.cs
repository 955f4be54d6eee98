using InterviewTextLine.TestKit.Repository;

namespace InterviewTextLine.Hosting.Tests;

/// <summary>The settings catalog, derived from the options classes of Core and of every adapter.</summary>
public sealed class SettingsCatalogTests
{
    [Fact]
    public void The_catalog_lists_every_option_with_a_description()
    {
        Assert.All(SettingsCatalog.All, setting => Assert.False(string.IsNullOrWhiteSpace(setting.Description), setting.Name));
        Assert.Contains(SettingsCatalog.All, s => s is { Name: "Twilio__AuthToken", IsSecret: true, IsRequiredInAzure: true });
        Assert.Contains(SettingsCatalog.All, s => s is { Name: "Storage__ConnectionString", IsLocalOnly: true });
        Assert.Contains(SettingsCatalog.All, s => s is { Name: "FollowUp__Delay", Default: "02:00:00" });
    }
}

public sealed class ReadmeConfigurationTableTests
{
    [Fact]
    public async Task The_readme_table_lists_every_setting_with_its_default()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "README.md"), TestContext.Current.CancellationToken);
        foreach (var setting in SettingsCatalog.All)
        {
            var expected = $"| `{setting.Name}` | {(setting.Default is null ? "-" : $"`{setting.Default}`")} |";
            Assert.Contains(expected, readme, StringComparison.Ordinal);
        }
    }
}
