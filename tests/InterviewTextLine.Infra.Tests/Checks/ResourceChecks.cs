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
        }

        return problems.Items;
    }

    /// <summary>The telemetry retention parameter: its name, default and bounds.</summary>
    public const string RetentionParameter = "telemetryRetentionDays";

    /// <summary>
    /// Telemetry retention is a parameter of <c>main.bicep</c>, 30 days by default and within what Log Analytics
    /// offers (30 to 730), and it reaches both the workspace and Application Insights: for the default and for a
    /// longer choice, the compiled deployment keeps each for exactly the days given, and purges on the 30th day
    /// at 30.
    /// </summary>
    public static IReadOnlyList<string> TelemetryRetention(CompiledInfra infra)
    {
        var problems = new Problems();
        if (infra.Root.Parameters[RetentionParameter] is not JsonObject parameter)
        {
            problems.Add($"main.bicep has no {RetentionParameter} parameter.");
            return problems.Items;
        }

        if (parameter["defaultValue"]?.ToString() != "30")
        {
            problems.Add($"{RetentionParameter} defaults to {Problems.Show(parameter["defaultValue"])}, expected 30.");
        }

        var allowed = (parameter["allowedValues"] as JsonArray)?.Select(value => value!.GetValue<long>()).ToList();
        var minimum = parameter["minValue"]?.GetValue<long>() ?? allowed?.Min();
        var maximum = parameter["maxValue"]?.GetValue<long>() ?? allowed?.Max();
        if (minimum is not 30 || maximum is null or > 730)
        {
            problems.Add($"{RetentionParameter} allows {minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any"} to {maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any"} days, expected 30 to at most 730.");
        }

        foreach (var days in new long[] { 30, 90 })
        {
            var scenario = DeploymentScenario.For(infra, new Dictionary<string, object?> { [RetentionParameter] = days });
            foreach (var (type, retention, purge) in new[]
            {
                (Workspace, "properties.retentionInDays", "properties.features.immediatePurgeDataOn30Days"),
                (Component, "properties.RetentionInDays", "properties.ImmediatePurgeDataOn30Days"),
            })
            {
                foreach (var resource in scenario.ResourcesOfType(type))
                {
                    if (scenario.Evaluate(resource, retention) is not long kept || kept != days)
                    {
                        problems.Add($"{resource}: with {RetentionParameter} = {days}, {retention} is {scenario.Evaluate(resource, retention) ?? "missing"}.");
                    }

                    if (scenario.Evaluate(resource, purge) is not bool purges || purges != (days == 30))
                    {
                        problems.Add($"{resource}: with {RetentionParameter} = {days}, {purge} is {scenario.Evaluate(resource, purge) ?? "missing"}, expected {days == 30}.");
                    }
                }
            }
        }

        return problems.Items;
    }

    /// <summary>The worker's working set as measured (megabytes): every memory size offered must hold it.</summary>
    public const int MeasuredWorkingSetMB = 688;

    /// <summary>
    /// Every instance memory size <c>main.bicep</c> allows holds the worker's measured working set with room to
    /// spare (512 MB does not: the worker measured 515-688 MB), the default is 2,048 MB, and the site takes its
    /// size from that parameter.
    /// </summary>
    public static IReadOnlyList<string> InstanceMemory(CompiledInfra infra)
    {
        var problems = new Problems();
        foreach (var template in infra.Templates.Where(template => template.Parameters["instanceMemoryMB"] is not null))
        {
            var sizes = (template.Parameters["instanceMemoryMB"]?["allowedValues"] as JsonArray)?.Select(value => value!.GetValue<long>()).ToList() ?? [];
            if (sizes.Count == 0 || sizes.Any(size => size <= MeasuredWorkingSetMB * 1.5))
            {
                problems.Add($"{template.Path}: instanceMemoryMB allows [{string.Join(", ", sizes)}]; each must exceed the measured working set of {MeasuredWorkingSetMB} MB by half again.");
            }
        }

        var parameter = infra.Root.Parameters["instanceMemoryMB"] as JsonObject;
        var allowed = (parameter?["allowedValues"] as JsonArray)?.Select(value => value!.GetValue<long>()).ToList() ?? [];

        if (parameter?["defaultValue"]?.ToString() != "2048")
        {
            problems.Add($"instanceMemoryMB defaults to {Problems.Show(parameter?["defaultValue"])}, expected 2048.");
        }

        foreach (var size in allowed)
        {
            var scenario = DeploymentScenario.For(infra, new Dictionary<string, object?> { ["instanceMemoryMB"] = size });
            foreach (var site in scenario.ResourcesOfType(Site))
            {
                if (scenario.Evaluate(site, "properties.functionAppConfig.scaleAndConcurrency.instanceMemoryMB") is not long given || given != size)
                {
                    problems.Add($"{site}: with instanceMemoryMB = {size}, the site gets {scenario.Evaluate(site, "properties.functionAppConfig.scaleAndConcurrency.instanceMemoryMB") ?? "nothing"}.");
                }
            }
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
        // The operator's roles (a person's, not the app's) are checked by OperatorRoles.
        foreach (var assignment in infra.ResourcesOfType(RoleAssignment).Where(assignment => !assignment.Template.Path.EndsWith("/operator", StringComparison.Ordinal)))
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

    /// <summary>
    /// The operator (azd's signed-in user by default) may write the scripts container, read and write the app's two
    /// tables and read secrets: what <c>textline publish</c>, <c>lookup</c> and <c>forget</c> need, each on the narrowest
    /// scope, and only when an operator is named.
    /// </summary>
    public static IReadOnlyList<string> OperatorRoles(CompiledInfra infra)
    {
        var problems = new Problems();
        var assignments = infra.ResourcesOfType(RoleAssignment).Where(assignment => assignment.Template.Path.EndsWith("/operator", StringComparison.Ordinal)).ToList();
        (string Id, string Scope)[] expected =
        [
            ("ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Microsoft.Storage/storageAccounts/blobServices/containers"),
            ("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts/tableServices/tables"),
            ("4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults"),
        ];
        foreach (var (id, scopeType) in expected)
        {
            var assignment = assignments.FirstOrDefault(candidate => candidate.Template.Resolve(candidate.At("properties.roleDefinitionId")).Contains(id, StringComparison.Ordinal));
            if (assignment is null)
            {
                problems.Add($"The operator is not given role {id}.");
                continue;
            }

            if (!assignment.Template.Resolve(assignment.At("scope")).Contains($"resourceId('{scopeType}'", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{assignment}: scoped to {Problems.Show(assignment.At("scope"))}, expected a {scopeType}.");
            }

            if (!(assignment.Json["condition"]?.ToString() ?? "").Contains("operatorPrincipalId", StringComparison.Ordinal))
            {
                problems.Add($"{assignment}: not conditional on an operator being named.");
            }
        }

        if (assignments.Count != expected.Length)
        {
            problems.Add($"Expected {expected.Length} operator role assignments, found {assignments.Count}.");
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
