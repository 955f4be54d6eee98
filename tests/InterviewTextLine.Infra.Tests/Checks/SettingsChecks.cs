using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InterviewTextLine.Hosting;
using InterviewTextLine.Infra.Tests.Arm;
using InterviewTextLine.TableStorage;

namespace InterviewTextLine.Infra.Tests.Checks;

/// <summary>The function app's settings against the settings the app reads (<see cref="SettingsCatalog"/>).</summary>
internal static partial class SettingsChecks
{
    public static IReadOnlyList<string> HostSettings(CompiledInfra infra)
    {
        var problems = new Problems();
        var settings = AppSettings.Read(infra).Settings;
        Expect("AzureWebJobsStorage__credential", text => text == "managedidentity", "'managedidentity'");
        Expect("AzureWebJobsStorage__clientId", text => text.EndsWith(".clientId]", StringComparison.Ordinal), "the identity's client ID");
        if (!settings.ContainsKey("AzureWebJobsStorage__blobServiceUri") && !settings.ContainsKey("AzureWebJobsStorage__accountName"))
        {
            problems.Add("Neither AzureWebJobsStorage__blobServiceUri nor AzureWebJobsStorage__accountName is set: the host has no storage.");
        }

        Expect("APPLICATIONINSIGHTS_CONNECTION_STRING", text => text.EndsWith(".ConnectionString]", StringComparison.Ordinal), "the component's connection string");
        Expect(
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
            text => text.StartsWith("[format('ClientId={0};Authorization=AAD', ", StringComparison.Ordinal) && text.EndsWith(".clientId)]", StringComparison.Ordinal),
            "'ClientId=<identity client ID>;Authorization=AAD'");
        Expect("AZURE_CLIENT_ID", text => text.EndsWith(".clientId]", StringComparison.Ordinal), "the identity's client ID");
        return problems.Items;

        void Expect(string name, Func<string, bool> isRight, string expected)
        {
            if (!settings.TryGetValue(name, out var setting))
            {
                problems.Add($"App setting {name} is missing.");
            }
            else if (!isRight(setting.Text))
            {
                problems.Add($"App setting {name} is {setting.Text}, expected {expected}.");
            }
        }
    }

    /// <summary>
    /// Every setting the app requires in Azure is set; every setting in one of the app's sections is one the app
    /// reads (a typo would be silently ignored); no local-only setting reaches Azure.
    /// </summary>
    public static IReadOnlyList<string> CoverTheCatalog(CompiledInfra infra)
    {
        var problems = new Problems();
        var read = AppSettings.Read(infra);
        foreach (var unreadable in read.Unreadable)
        {
            problems.Add(unreadable);
        }

        var settings = read.Settings;
        var sections = SettingsCatalog.All.Select(setting => setting.Section).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var catalog = SettingsCatalog.All.ToDictionary(setting => setting.Name, StringComparer.Ordinal);
        foreach (var required in SettingsCatalog.All.Where(setting => setting.IsRequiredInAzure))
        {
            if (!settings.TryGetValue(required.Name, out var setting) || string.IsNullOrWhiteSpace(setting.Text))
            {
                problems.Add($"App setting {required.Name} is required in Azure but not set.");
            }
        }

        foreach (var name in settings.Keys)
        {
            var separator = name.IndexOf("__", StringComparison.Ordinal);
            if (separator > 0 && sections.Contains(name[..separator]) && !catalog.ContainsKey(name))
            {
                problems.Add($"App setting {name} is not a setting the app reads.");
            }
        }

        foreach (var localOnly in SettingsCatalog.All.Where(setting => setting.IsLocalOnly && settings.ContainsKey(setting.Name)))
        {
            problems.Add($"App setting {localOnly.Name} is for local runs only and must not be set in Azure.");
        }

        Expect("Twilio__WebhookBaseUrl", WebhookBaseUrl(), "https:// and the function app's default host name");
        Expect("Storage__TableServiceUri", TableEndpoint(), "the storage account's table endpoint");
        return problems.Items;

        void Expect(string name, Regex pattern, string expected)
        {
            if (settings.TryGetValue(name, out var setting) && !pattern.IsMatch(setting.Text))
            {
                problems.Add($"App setting {name} is {setting.Text}, expected {expected}.");
            }
        }
    }

    /// <summary>
    /// Secrets are versionless Key Vault references to secrets the template writes, so that a rotated secret is
    /// picked up and no secret value sits in the app settings.
    /// </summary>
    public static IReadOnlyList<string> SecretsAreKeyVaultReferences(CompiledInfra infra)
    {
        var problems = new Problems();
        var settings = AppSettings.Read(infra).Settings;
        var written = ResourceChecks.SecretNames(infra);
        foreach (var secret in SettingsCatalog.All.Where(setting => setting.IsSecret))
        {
            if (!settings.TryGetValue(secret.Name, out var setting))
            {
                continue;
            }

            var reference = KeyVaultReference().Match(setting.Text);
            var secretName = reference.Groups["name"].Value;
            if (!reference.Success)
            {
                problems.Add($"App setting {secret.Name} is {setting.Text}, expected @Microsoft.KeyVault(SecretUri=<vault>secrets/<name>) without a version.");
            }
            else if (!written.Contains(secretName))
            {
                problems.Add($"App setting {secret.Name} refers to secret '{secretName}', which the template does not write.");
            }
        }

        return problems.Items;
    }

    /// <summary>The values the Bicep sets by default are the app's own defaults, so that nothing differs in Azure by accident.</summary>
    public static IReadOnlyList<string> DefaultsMatchTheApp(CompiledInfra infra)
    {
        var problems = new Problems();
        var settings = AppSettings.Read(infra).Settings;
        foreach (var setting in SettingsCatalog.All.Where(setting => setting.Default is not null))
        {
            if (!settings.TryGetValue(setting.Name, out var appSetting))
            {
                continue;
            }

            var traced = appSetting.Template.TraceDefault(appSetting.Template.Dereference(appSetting.Value));
            if (traced is not null && Text(traced) != setting.Default)
            {
                problems.Add($"App setting {setting.Name} defaults to {Text(traced)} in the Bicep, but the app's default is {setting.Default}.");
            }
        }

        return problems.Items;
    }

    /// <summary>The tables the app settings name are created in the storage account.</summary>
    public static IReadOnlyList<string> TablesExist(CompiledInfra infra)
    {
        var problems = new Problems();
        var settings = AppSettings.Read(infra).Settings;
        var tables = infra.ResourcesOfType("Microsoft.Storage/storageAccounts/tableServices/tables")
            .Select(table => ResourceChecks.LastSegment(table.Template.Resolve(table.At("name"))))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var setting in SettingsCatalog.All.Where(setting => setting.Section == StorageOptions.SectionName && setting.Key.EndsWith("Table", StringComparison.Ordinal)))
        {
            var name = settings.TryGetValue(setting.Name, out var appSetting) ? appSetting.Template.Literal(appSetting.Value) : setting.Default;
            if (name is null || !tables.Contains(name))
            {
                problems.Add($"Table '{name}' ({setting.Name}) is not created; the template creates {string.Join(", ", tables)}.");
            }
        }

        return problems.Items;
    }

    /// <summary>
    /// The Azure settings of the app's sections appear in <c>local.settings.sample.json</c>, so that the sample,
    /// the options and the Bicep describe the same settings.
    /// </summary>
    public static IReadOnlyList<string> ListedInSample(CompiledInfra infra, JsonObject sampleValues)
    {
        var problems = new Problems();
        var sections = SettingsCatalog.All.Select(setting => setting.Section).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var names = AppSettings.Read(infra).Settings.Keys
            .Where(name => name.Contains("__", StringComparison.Ordinal) && sections.Contains(name[..name.IndexOf("__", StringComparison.Ordinal)]))
            .Concat(SettingsCatalog.All.Where(setting => setting.IsRequiredInAzure).Select(setting => setting.Name))
            .Distinct(StringComparer.Ordinal);
        foreach (var name in names.Where(name => !sampleValues.ContainsKey(name)))
        {
            problems.Add($"Setting {name} is set in Azure but missing from local.settings.sample.json.");
        }

        return problems.Items;
    }

    private static string Text(JsonNode node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<long>(out var number) => number.ToString(CultureInfo.InvariantCulture),
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag.ToString(),
        _ => node.ToJsonString(),
    };

    [GeneratedRegex(@"^\[format\('https://\{0\}', reference\(resourceId\('Microsoft\.Web/sites', .+?\), '[0-9a-z-]+'\)\.defaultHostName\)\]$")]
    private static partial Regex WebhookBaseUrl();

    [GeneratedRegex(@"^\[reference\(resourceId\('Microsoft\.Storage/storageAccounts', .+?\), '[0-9a-z-]+'\)\.primaryEndpoints\.table\]$")]
    private static partial Regex TableEndpoint();

    // The secret URI ends at the secret's name: nothing after it means no version, so rotation is picked up.
    [GeneratedRegex(@"^\[format\('@Microsoft\.KeyVault\(SecretUri=\{0\}secrets/(?<name>[A-Za-z0-9-]+)/?\)', .+\)\]$|^@Microsoft\.KeyVault\(SecretUri=https://[^/]+/secrets/(?<name>[A-Za-z0-9-]+)/?\)$")]
    private static partial Regex KeyVaultReference();
}
