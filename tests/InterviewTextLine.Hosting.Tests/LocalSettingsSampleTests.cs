using System.Text.Json.Nodes;
using InterviewTextLine.TestKit.Repository;

namespace InterviewTextLine.Hosting.Tests;

/// <summary><c>local.settings.sample.json</c> lists every setting the app reads, with no real secret in it.</summary>
public sealed class LocalSettingsSampleTests
{
    private static readonly JsonObject Values =
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "local.settings.sample.json")))!["Values"]!.AsObject();

    [Fact]
    public void The_sample_lists_every_catalog_setting_and_the_functions_runtime_settings_and_nothing_else()
    {
        var expected = SettingsCatalog.All.Select(setting => setting.Name).Append("AzureWebJobsStorage").Append("FUNCTIONS_WORKER_RUNTIME").Order(StringComparer.Ordinal);

        Assert.Equal(expected, Values.Select(pair => pair.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_sample_targets_the_isolated_worker_and_local_storage()
    {
        Assert.Equal("dotnet-isolated", (string?)Values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", (string?)Values["AzureWebJobsStorage"]);
    }

    [Fact]
    public void Every_secret_is_empty_or_an_obvious_placeholder_but_the_phone_hash_key_which_works_locally_and_is_refused_in_azure()
    {
        Assert.All(SettingsCatalog.All.Where(setting => setting.IsSecret && setting.Name != "Privacy__PhoneHashKey"), setting =>
        {
            var value = (string?)Values[setting.Name] ?? "";
            Assert.True(value.Length == 0 || (value.StartsWith('<') && value.EndsWith('>')), $"{setting.Name} must be empty or a <placeholder>, not '{value}'.");
        });

        // A copied sample runs as it is: its key has the form every key must have, and the app knows it as the sample's.
        var key = (string?)Values["Privacy__PhoneHashKey"] ?? "";
        Assert.Equal(PhoneHashKeyValidator.SampleKey, key);
        Assert.Null(PhoneHashKeyValidator.Problem(key, inAzure: false));
        Assert.Contains("sample key", PhoneHashKeyValidator.Problem(key, inAzure: true), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_required_setting_has_a_value_and_every_default_is_shown_as_it_is()
    {
        Assert.All(SettingsCatalog.All, setting =>
        {
            var value = (string?)Values[setting.Name] ?? "";
            if (setting.IsRequired)
            {
                Assert.False(value.Length == 0, $"{setting.Name} is required and needs a value or a placeholder.");
            }

            if (setting.Default is not null && !setting.IsSecret)
            {
                Assert.Equal(setting.Default, value);
            }
        });
    }
}
