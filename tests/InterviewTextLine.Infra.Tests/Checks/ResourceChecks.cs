using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InterviewTextLine.Infra.Tests.Arm;

namespace InterviewTextLine.Infra.Tests.Checks;

/// <summary>
/// The checklist's resource settings, each check returning what it found wrong (nothing for a good template).
/// They mirror the PSRule for Azure rules a security review runs.
/// </summary>
internal static partial class ResourceChecks
{
    public const string Site = "Microsoft.Web/sites";
    public const string Plan = "Microsoft.Web/serverfarms";
    public const string StorageAccount = "Microsoft.Storage/storageAccounts";
    public const string Component = "Microsoft.Insights/components";
    public const string Workspace = "Microsoft.OperationalInsights/workspaces";
    public const string Vault = "Microsoft.KeyVault/vaults";
    public const string VaultSecret = "Microsoft.KeyVault/vaults/secrets";
    public const string RoleAssignment = "Microsoft.Authorization/roleAssignments";

    public const string Table = "Microsoft.Storage/storageAccounts/tableServices/tables";

    /// <summary>
    /// The roles the app's identity needs, the kind of resource each is scoped to, and how many assignments:
    /// the table role is granted on each of the app's two tables rather than on the whole account.
    /// </summary>
    public static readonly IReadOnlyList<(string Role, string Id, string ScopeType, int Count)> ExpectedRoles =
    [
        ("Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", StorageAccount, 1),
        ("Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", Table, 2),
        ("Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb", Component, 1),
        ("Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6", Vault, 1),
    ];

    /// <summary>Settings that belong to the older plans and break or mislead a Flex Consumption app.</summary>
    public static readonly IReadOnlyList<string> DeprecatedFlexAppSettings =
    [
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_EXTENSION_VERSION",
        "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_CONTENTSHARE",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "SCM_DO_BUILD_DURING_DEPLOYMENT",
        "ENABLE_ORYX_BUILD",
        "AzureWebJobsStorage",
    ];

    public static readonly IReadOnlyList<string> DeprecatedFlexSiteProperties = ["linuxFxVersion", "netFrameworkVersion"];

    public static IReadOnlyList<string> CompilesCleanly(CompiledInfra infra)
    {
        var problems = new Problems();
        if (infra.Lint is { } lint)
        {
            if (lint.ExitCode != 0 || lint.Diagnostics(outputIsTemplate: false).Length > 0)
            {
                problems.Add($"bicep lint exited {lint.ExitCode}: {lint.Diagnostics(outputIsTemplate: false)}");
            }
        }

        if (infra.Build.ExitCode != 0 || infra.Build.Diagnostics(outputIsTemplate: true).Length > 0)
        {
            problems.Add($"bicep build exited {infra.Build.ExitCode}: {infra.Build.Diagnostics(outputIsTemplate: true)}");
        }

        return problems.Items;
    }

    public static IReadOnlyList<string> FlexPlan(CompiledInfra infra)
    {
        var problems = new Problems();
        if (problems.Single(infra, Plan) is { } plan)
        {
            problems.Expect(plan, "kind", "functionapp");
            problems.Expect(plan, "sku.name", "FC1");
            problems.Expect(plan, "sku.tier", "FlexConsumption");
            problems.Expect(plan, "properties.reserved", true);
        }

        return problems.Items;
    }

    public static IReadOnlyList<string> FunctionApp(CompiledInfra infra)
    {
        var problems = new Problems();
        if (problems.Single(infra, Site) is not { } site)
        {
            return problems.Items;
        }

        if (string.CompareOrdinal(site.ApiVersion, "2023-12-01") < 0)
        {
            problems.Add($"{site}: API version {site.ApiVersion} predates functionAppConfig (2023-12-01).");
        }

        problems.Expect(site, "kind", "functionapp,linux");
        problems.ExpectSet(site, "properties.serverFarmId");
        problems.Expect(site, "properties.httpsOnly", true);
        problems.Expect(site, "properties.clientAffinityEnabled", false);

        problems.Expect(site, "identity.type", "UserAssigned");
        var identities = (site.At("identity.userAssignedIdentities") as JsonObject)?.Select(pair => Unwrap(pair.Key)).ToList() ?? [];
        var keyVaultIdentity = Unwrap(site.At("properties.keyVaultReferenceIdentity")?.ToString());
        if (identities.Count != 1 || identities[0] != keyVaultIdentity)
        {
            problems.Add($"{site}: keyVaultReferenceIdentity ({keyVaultIdentity}) is not its one user-assigned identity ({string.Join(", ", identities)}).");
        }

        problems.Expect(site, "properties.siteConfig.minTlsVersion", "1.2");
        problems.Expect(site, "properties.siteConfig.scmMinTlsVersion", "1.2");
        problems.Expect(site, "properties.siteConfig.ftpsState", "Disabled");
        problems.Expect(site, "properties.siteConfig.http20Enabled", true);
        problems.Expect(site, "properties.siteConfig.remoteDebuggingEnabled", false);

        problems.Expect(site, "properties.functionAppConfig.runtime.name", "dotnet-isolated");
        problems.Expect(site, "properties.functionAppConfig.runtime.version", "10.0");
        problems.ExpectSet(site, "properties.functionAppConfig.scaleAndConcurrency.instanceMemoryMB");
        problems.ExpectSet(site, "properties.functionAppConfig.scaleAndConcurrency.maximumInstanceCount");
        var alwaysReady = (site.At("properties.functionAppConfig.scaleAndConcurrency.alwaysReady") as JsonArray)?
            .OfType<JsonObject>()
            .SingleOrDefault(entry => entry["name"]?.ToString() == "http");
        var alwaysReadyDefault = site.Template.TraceDefault(alwaysReady?["instanceCount"]);
        if (alwaysReadyDefault?.ToString() != "1")
        {
            problems.Add($"{site}: the always-ready 'http' instance count defaults to {Problems.Show(alwaysReadyDefault)}, expected 1.");
        }

        problems.Expect(site, "properties.functionAppConfig.deployment.storage.type", "blobContainer");
        problems.Expect(site, "properties.functionAppConfig.deployment.storage.authentication.type", "UserAssignedIdentity");
        var deploymentIdentity = Unwrap(site.At("properties.functionAppConfig.deployment.storage.authentication.userAssignedIdentityResourceId")?.ToString());
        if (deploymentIdentity != keyVaultIdentity)
        {
            problems.Add($"{site}: the deployment storage is not read with the app's user-assigned identity.");
        }

        foreach (var kind in new[] { "ftp", "scm" })
        {
            var policy = site.Template.Resources.SingleOrDefault(resource =>
                resource.IsType("Microsoft.Web/sites/basicPublishingCredentialsPolicies") && site.Template.Resolve(resource.At("name")).Contains($"'{kind}'", StringComparison.Ordinal));
            if (policy is null)
            {
                problems.Add($"{site}: no basicPublishingCredentialsPolicies '{kind}' turns publishing passwords off.");
            }
            else
            {
                problems.Expect(policy, "properties.allow", false);
            }
        }

        return problems.Items;
    }

    public static IReadOnlyList<string> NoDeprecatedFlexSettings(CompiledInfra infra)
    {
        var problems = new Problems();
        var names = AppSettings.Read(infra).Settings.Keys;
        foreach (var deprecated in DeprecatedFlexAppSettings)
        {
            if (names.Contains(deprecated, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"App setting {deprecated} must not be set on Flex Consumption.");
            }
        }

        foreach (var site in infra.ResourcesOfType(Site))
        {
            foreach (var property in DeprecatedFlexSiteProperties)
            {
                if (Keys(site.Json).Contains(property, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"{site}: {property} must not be set on Flex Consumption.");
                }
            }
        }

        return problems.Items;
    }

    public static IReadOnlyList<string> Storage(CompiledInfra infra)
    {
        var problems = new Problems();
        if (problems.Single(infra, StorageAccount) is { } account)
        {
            problems.Expect(account, "kind", "StorageV2");
            problems.Expect(account, "properties.minimumTlsVersion", "TLS1_2");
            problems.Expect(account, "properties.supportsHttpsTrafficOnly", true);
            problems.Expect(account, "properties.allowBlobPublicAccess", false);
            problems.Expect(account, "properties.allowSharedKeyAccess", false);
            problems.Expect(account, "properties.defaultToOAuthAuthentication", true);
        }

        if (problems.Single(infra, "Microsoft.Storage/storageAccounts/blobServices") is { } blobs)
        {
            problems.Expect(blobs, "properties.deleteRetentionPolicy.enabled", true);
            problems.Expect(blobs, "properties.containerDeleteRetentionPolicy.enabled", true);
        }

        var containers = infra.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers");
        if (containers.Count == 0)
        {
            problems.Add("No blob container is created for the deployment package.");
        }

        foreach (var container in containers)
        {
            problems.Expect(container, "properties.publicAccess", "None");
        }

        return problems.Items;
    }

    public static IReadOnlyList<string> NoSharedKeys(CompiledInfra infra)
    {
        var problems = new Problems();
        var text = infra.Build.StandardOutput;
        if (text.Contains("listKeys(", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("The template calls listKeys().");
        }

        if (text.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("The template builds an AccountKey= connection string.");
        }

        return problems.Items;
    }

    public static IReadOnlyList<string> Monitoring(CompiledInfra infra)
    {
        var problems = new Problems();
        if (problems.Single(infra, Component) is { } component)
        {
            problems.Expect(component, "properties.DisableLocalAuth", true);
            problems.ExpectSet(component, "properties.WorkspaceResourceId");
        }

        if (problems.Single(infra, Workspace) is { } workspace)
        {
            problems.Expect(workspace, "properties.sku.name", "PerGB2018");
            problems.Expect(workspace, "properties.retentionInDays", 30);
        }

        return problems.Items;
    }

    public static IReadOnlyList<string> KeyVault(CompiledInfra infra)
    {
        var problems = new Problems();
        if (problems.Single(infra, Vault) is { } vault)
        {
            problems.Expect(vault, "properties.enableRbacAuthorization", true);
            problems.Expect(vault, "properties.enableSoftDelete", true);
            problems.Expect(vault, "properties.enablePurgeProtection", true);
        }

        foreach (var secret in infra.ResourcesOfType(VaultSecret))
        {
            var value = WholeParameter().Match(secret.At("properties.value")?.ToString() ?? "");
            if (!value.Success || !secret.Template.IsSecureParameter(value.Groups["name"].Value))
            {
                problems.Add($"{secret}: the value does not come straight from a @secure() parameter.");
                continue;
            }

            var expectedCondition = $"[not(empty(parameters('{value.Groups["name"].Value}')))]";
            if (secret.At("condition")?.ToString() != expectedCondition)
            {
                problems.Add($"{secret}: it is written even when its parameter is empty (condition {Problems.Show(secret.At("condition"))}, expected {expectedCondition}), so re-provisioning would wipe it.");
            }
        }

        return problems.Items;
    }

    /// <summary>The names of the Key Vault secrets the template writes.</summary>
    public static IReadOnlySet<string> SecretNames(CompiledInfra infra) =>
        infra.ResourcesOfType(VaultSecret)
            .Select(secret => LastSegment(secret.Template.Resolve(secret.At("name"))))
            .ToHashSet(StringComparer.Ordinal);

    public static IReadOnlyList<string> RoleAssignments(CompiledInfra infra)
    {
        var problems = new Problems();
        var found = new List<string>();
        foreach (var assignment in infra.ResourcesOfType(RoleAssignment))
        {
            var roleId = Guid().Match(assignment.Template.Resolve(assignment.At("properties.roleDefinitionId"))).Value;
            var expected = ExpectedRoles.FirstOrDefault(role => role.Id == roleId);
            if (expected.Id is null)
            {
                problems.Add($"{assignment}: assigns role '{roleId}', which the app does not need.");
                continue;
            }

            found.Add(roleId);
            problems.Expect(assignment, "properties.principalType", "ServicePrincipal");
            var name = assignment.Template.Resolve(assignment.At("name"));
            var principal = Unwrap(assignment.At("properties.principalId")?.ToString());
            var scope = assignment.Template.Resolve(assignment.At("scope"));
            if (!name.StartsWith("[guid(", StringComparison.Ordinal)
                || !name.Contains($"resourceId('{expected.ScopeType}'", StringComparison.OrdinalIgnoreCase)
                || !name.Contains(principal, StringComparison.Ordinal)
                || !name.Contains(roleId, StringComparison.Ordinal))
            {
                problems.Add($"{assignment}: the name {name} is not guid(scope id, principal id, role id) for {expected.Role}.");
            }

            if (!scope.Contains($"resourceId('{expected.ScopeType}'", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{assignment}: {expected.Role} is scoped to {Problems.Show(assignment.At("scope"))}, expected a {expected.ScopeType}.");
            }
        }

        foreach (var role in ExpectedRoles)
        {
            var count = found.Count(id => id == role.Id);
            if (count != role.Count)
            {
                problems.Add($"Expected {role.Count} {role.Role} ({role.Id}) assignment(s) for the app's identity, found {count}.");
            }
        }

        return problems.Items;
    }

    /// <summary>An expression without its brackets, and <c>format('{0}', x)</c> reduced to <c>x</c>.</summary>
    internal static string Unwrap(string? expression)
    {
        var text = expression ?? "";
        if (text.StartsWith('[') && text.EndsWith(']'))
        {
            text = text[1..^1];
        }

        return FormatOfOne().Match(text) is { Success: true } match ? match.Groups["inner"].Value : text;
    }

    /// <summary>The last quoted part of a resource name, e.g. <c>conversations</c> of <c>[format('{0}/{1}/{2}', ..., 'conversations')]</c>.</summary>
    internal static string LastSegment(string name) =>
        name.StartsWith('[') ? LastQuoted().Match(name).Groups["last"].Value : name.Split('/')[^1];

    private static IEnumerable<string> Keys(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(pair => Keys(pair.Value).Prepend(pair.Key)),
        JsonArray array => array.SelectMany(Keys),
        _ => [],
    };

    [GeneratedRegex(@"^\[parameters\('(?<name>[^']+)'\)\]$")]
    private static partial Regex WholeParameter();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex Guid();

    [GeneratedRegex(@"^format\('\{0\}', (?<inner>.*)\)$")]
    private static partial Regex FormatOfOne();

    [GeneratedRegex(@"'(?<last>[^']*)'\)\]$")]
    private static partial Regex LastQuoted();
}
