using System.Text.Json;
using System.Text.Json.Nodes;
using InterviewTextLine.Hosting;
using InterviewTextLine.Infra.Tests.Arm;
using InterviewTextLine.Infra.Tests.Checks;

namespace InterviewTextLine.Infra.Tests;

/// <summary>The function app's settings, cross-checked with the options classes and <c>local.settings.sample.json</c>.</summary>
public sealed class SettingsTests(MainTemplate main)
{
    [Fact]
    public void The_host_reaches_storage_and_Application_Insights_with_the_managed_identity() =>
        Assertions.NoProblems(SettingsChecks.HostSettings(main.Infra));

    [Fact]
    public void The_app_settings_cover_every_setting_the_app_requires_in_Azure_and_no_other() =>
        Assertions.NoProblems(SettingsChecks.CoverTheCatalog(main.Infra));

    [Fact]
    public void Secrets_are_versionless_Key_Vault_references_to_secrets_the_template_writes() =>
        Assertions.NoProblems(SettingsChecks.SecretsAreKeyVaultReferences(main.Infra));

    [Fact]
    public void The_Bicep_defaults_are_the_app_defaults() =>
        Assertions.NoProblems(SettingsChecks.DefaultsMatchTheApp(main.Infra));

    [Fact]
    public void The_tables_the_app_uses_are_created() =>
        Assertions.NoProblems(SettingsChecks.TablesExist(main.Infra));

    [Fact]
    public void The_catalog_still_marks_the_settings_the_deployment_provides_as_required_in_Azure()
    {
        // The cross-check is only as strong as the catalog: these are the settings the Bicep exists to provide.
        var required = SettingsCatalog.All.Where(setting => setting.IsRequiredInAzure).Select(setting => setting.Name);
        Assert.Superset(
            new HashSet<string>(["Twilio__AuthToken", "Twilio__WebhookBaseUrl", "Storage__TableServiceUri", "Privacy__PhoneHashKey", "SendGrid__ApiKey", "Program__Name", "Email__FromAddress"]),
            required.ToHashSet());
    }

    [Fact]
    public async Task The_Azure_settings_are_listed_in_local_settings_sample()
    {
        var path = Path.Combine(Bicep.RepositoryRoot, "local.settings.sample.json");
        Assert.SkipUnless(File.Exists(path), "local.settings.sample.json does not exist yet.");
        var sample = JsonNode.Parse(
            await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = Assert.IsType<JsonObject>(sample?["Values"]);
        Assertions.NoProblems(SettingsChecks.ListedInSample(main.Infra, values));
    }
}
