using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InterviewTextLine.Infra.Tests.Arm;

namespace InterviewTextLine.Infra.Tests.Checks;

/// <summary>What operators rely on: the workbook, the alerts, the audit logs and the private network.</summary>
internal static partial class OperationsChecks
{
    public const string Workbook = "Microsoft.Insights/workbooks";
    public const string ActionGroup = "Microsoft.Insights/actionGroups";
    public const string LogAlert = "Microsoft.Insights/scheduledQueryRules";
    public const string DiagnosticSetting = "Microsoft.Insights/diagnosticSettings";
    public const string PrivateEndpoint = "Microsoft.Network/privateEndpoints";
    public const string DnsZoneGroup = "Microsoft.Network/privateEndpoints/privateDnsZoneGroups";
    public const string DnsZoneLink = "Microsoft.Network/privateDnsZones/virtualNetworkLinks";
    public const string VirtualNetwork = "Microsoft.Network/virtualNetworks";

    /// <summary>
    /// The instruments the app's meter <c>InterviewTextLine</c> emits: the contract between the app, the
    /// workbook, the alerts and docs/operations.md.
    /// </summary>
    public static readonly IReadOnlyList<string> MetricNames =
    [
        "textline.texts",
        "textline.texters.new",
        "textline.situations.entered",
        "textline.understanding",
        "textline.optouts",
        "textline.optins",
        "textline.help",
        "textline.followups",
        "textline.webhook.responses",
        "textline.fallback.served",
        "textline.storage.conflicts",
        "textline.handler.duration",
        "textline.classify.duration",
        "textline.sweep.runs",
        "textline.limits",
        "textline.handoffs",
        "textline.funnel.entered",
        "textline.funnel.left",
        "textline.funnel.quiet",
        "textline.understanding.source",
        "textline.questionbacks.answered",
        "textline.misroutes",
        "textline.deliveries",
        "textline.scripts.versions",
    ];

    /// <summary>What the workbook must chart (the issue's list), by the metric each chart reads.</summary>
    public static readonly IReadOnlyList<string> ChartedMetrics =
    [
        "textline.texts",
        "textline.texters.new",
        "textline.situations.entered",
        "textline.understanding",
        "textline.optouts",
        "textline.followups",
        "textline.webhook.responses",
        "textline.handler.duration",
        "textline.fallback.served",
        "textline.handoffs",
        "textline.funnel.entered",
        "textline.funnel.left",
        "textline.funnel.quiet",
        "textline.understanding.source",
        "textline.questionbacks.answered",
        "textline.misroutes",
        "textline.deliveries",
    ];

    /// <summary>
    /// A shared workbook on the Application Insights component whose charts read the unsampled metrics only,
    /// and chart each of <see cref="ChartedMetrics"/>, with p50 and p99 of the handler's duration.
    /// </summary>
    public static IReadOnlyList<string> WorkbookCharts(CompiledInfra infra)
    {
        var problems = new Problems();
        if (problems.Single(infra, Workbook) is not { } workbook)
        {
            return problems.Items;
        }

        problems.Expect(workbook, "kind", "shared");
        if (!workbook.Template.Resolve(workbook.At("properties.sourceId")).Contains($"'{ResourceChecks.Component}'", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{workbook}: its sourceId is not the Application Insights component.");
        }

        if (Content(workbook) is not { } content)
        {
            problems.Add($"{workbook}: serializedData is not a readable workbook.");
            return problems.Items;
        }

        if (content["version"]?.ToString() != "Notebook/1.0")
        {
            problems.Add($"{workbook}: serializedData version is {Problems.Show(content["version"])}, expected Notebook/1.0.");
        }

        var queries = (content["items"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(item => item["type"]?.GetValue<int>() == 3)
            .Select(item => (Name: item["name"]?.ToString() ?? "?", Content: item["content"] as JsonObject ?? []))
            .ToList();
        foreach (var (name, query) in queries)
        {
            var text = query["query"]?.ToString() ?? "";
            if (query["resourceType"]?.ToString() != "microsoft.insights/components" || query["queryType"]?.GetValue<int>() != 0)
            {
                problems.Add($"Workbook chart '{name}' does not query the Application Insights component's logs.");
            }

            if (!text.TrimStart().StartsWith("customMetrics", StringComparison.Ordinal))
            {
                problems.Add($"Workbook chart '{name}' reads something other than customMetrics, which sampling could thin out.");
            }

            foreach (var metric in MetricReferences(text).Where(metric => !MetricNames.Contains(metric)))
            {
                problems.Add($"Workbook chart '{name}' reads '{metric}', which the app does not emit.");
            }
        }

        var charted = queries.SelectMany(query => MetricReferences(query.Content["query"]?.ToString() ?? "")).ToHashSet(StringComparer.Ordinal);
        foreach (var metric in ChartedMetrics.Where(metric => !charted.Contains(metric)))
        {
            problems.Add($"No workbook chart reads {metric}.");
        }

        var latency = queries.Select(query => query.Content["query"]?.ToString() ?? "").FirstOrDefault(text => text.Contains("textline.handler.duration", StringComparison.Ordinal)) ?? "";
        if (!latency.Contains(", 50)", StringComparison.Ordinal) || !latency.Contains(", 99)", StringComparison.Ordinal))
        {
            problems.Add("The handler latency chart does not show p50 and p99.");
        }

        return problems.Items;
    }

    /// <summary>
    /// One action group emails the address the operator gives as a required parameter, and at least five log
    /// alerts on the app's metrics, always deployed and enabled, notify it; between them they watch 5xx, 403s,
    /// the fallback, failing follow-ups and the sweep.
    /// </summary>
    public static IReadOnlyList<string> AlertRules(CompiledInfra infra)
    {
        var problems = new Problems();
        if (problems.Single(infra, ActionGroup) is not { } group)
        {
            return problems.Items;
        }

        problems.Expect(group, "properties.enabled", true);
        var receivers = (group.At("properties.emailReceivers") as JsonArray ?? []).OfType<JsonObject>().ToList();
        var email = receivers.Count == 1 ? receivers[0]["emailAddress"]?.ToString() ?? "" : "";
        if (!EmailComesFromARequiredMainParameter(infra, group.Template, email))
        {
            problems.Add($"{group}: its one email receiver's emailAddress ({email}) is not a required main.bicep parameter that main.parameters.json supplies.");
        }

        var rules = infra.ResourcesOfType(LogAlert).Where(rule => rule.Json["condition"] is null).ToList();
        if (rules.Count < 5)
        {
            problems.Add($"Expected at least five alert rules that are always deployed, found {rules.Count}.");
        }

        var watched = new List<string>();
        foreach (var rule in infra.ResourcesOfType(LogAlert))
        {
            problems.Expect(rule, "kind", "LogAlert");
            problems.Expect(rule, "properties.enabled", true);
            var actions = (rule.At("properties.actions.actionGroups") as JsonArray ?? []).Select(node => rule.Template.Resolve(node)).ToList();
            if (actions.Count != 1 || !actions[0].Contains($"'{ActionGroup}'", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{rule}: it does not notify the action group ({string.Join(", ", actions)}).");
            }

            var scopes = (rule.At("properties.scopes") as JsonArray ?? []).Select(node => rule.Template.Resolve(node)).ToList();
            if (scopes.Count != 1 || !scopes[0].Contains($"'{ResourceChecks.Component}'", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{rule}: it is not scoped to the Application Insights component.");
            }

            var criteria = (rule.At("properties.criteria.allOf") as JsonArray ?? []).OfType<JsonObject>().ToList();
            foreach (var criterion in criteria)
            {
                var query = QueryText(criterion["query"]);
                if (!query.TrimStart().StartsWith("customMetrics", StringComparison.Ordinal))
                {
                    problems.Add($"{rule}: its query reads something other than customMetrics, which sampling could thin out.");
                }

                foreach (var metric in MetricReferences(query))
                {
                    if (!MetricNames.Contains(metric))
                    {
                        problems.Add($"{rule}: its query reads '{metric}', which the app does not emit.");
                    }

                    // Only a rule that is always deployed counts as watching something.
                    if (rule.Json["condition"] is null)
                    {
                        watched.Add($"{metric} {Regex.Replace(query, @"\s+", " ")} {criterion["operator"]}");
                    }
                }
            }
        }

        Watch("5xx answers", text => text.Contains("textline.webhook.responses", StringComparison.Ordinal) && text.Contains(">= 500", StringComparison.Ordinal));
        Watch("403 answers", text => text.Contains("textline.webhook.responses", StringComparison.Ordinal) && text.Contains("== 403", StringComparison.Ordinal));
        Watch("the fallback", text => text.StartsWith("textline.fallback.served", StringComparison.Ordinal));
        Watch("failed follow-ups", text => text.StartsWith("textline.followups", StringComparison.Ordinal) && text.Contains("'failed'", StringComparison.Ordinal));
        Watch("a sweep that stopped running", text => text.StartsWith("textline.sweep.runs", StringComparison.Ordinal) && text.EndsWith("LessThan", StringComparison.Ordinal));
        Watch("failed deliveries", text => text.StartsWith("textline.deliveries", StringComparison.Ordinal) && text.Contains("'undelivered'", StringComparison.Ordinal) && text.Contains("'failed'", StringComparison.Ordinal));
        Watch("misroutes", text => text.StartsWith("textline.misroutes", StringComparison.Ordinal) && text.Contains("textline.situations.entered", StringComparison.Ordinal));
        Watch("refused script versions", text => text.StartsWith("textline.scripts.versions", StringComparison.Ordinal) && text.Contains("'refused'", StringComparison.Ordinal));
        return problems.Items;

        void Watch(string what, Func<string, bool> matches)
        {
            if (!watched.Any(matches))
            {
                problems.Add($"No alert rule watches {what}.");
            }
        }
    }

    /// <summary>The optional no-texts rule is deployed exactly when its number of days is above zero.</summary>
    public static IReadOnlyList<string> NoTextsRule(CompiledInfra infra, long days)
    {
        var problems = new Problems();
        var scenario = DeploymentScenario.For(infra, new Dictionary<string, object?> { ["noTextsAlertDays"] = days });
        var rules = scenario.ResourcesOfType(LogAlert)
            .Where(rule => (rule.At("properties.criteria.allOf") as JsonArray ?? []).Any(criterion => MetricReferences(criterion?["query"]?.ToString() ?? "").Contains("textline.texts")))
            .ToList();
        var expected = days > 0 ? 1 : 0;
        if (rules.Count != expected)
        {
            problems.Add($"With noTextsAlertDays = {days}, expected {expected} rule on textline.texts, found {rules.Count}.");
        }

        return problems.Items;
    }

    /// <summary>Table and blob reads, writes and deletes, and Key Vault's audit events, go to the Log Analytics workspace.</summary>
    public static IReadOnlyList<string> AuditLogs(CompiledInfra infra)
    {
        var problems = new Problems();
        var settings = infra.ResourcesOfType(DiagnosticSetting);
        Expect("Microsoft.Storage/storageAccounts/tableServices", ["StorageRead", "StorageWrite", "StorageDelete"]);
        Expect("Microsoft.Storage/storageAccounts/blobServices", ["StorageRead", "StorageWrite", "StorageDelete"]);
        Expect(ResourceChecks.Vault, ["AuditEvent"]);
        return problems.Items;

        void Expect(string scopeType, string[] categories)
        {
            var setting = settings.SingleOrDefault(candidate =>
                candidate.Template.Resolve(candidate.At("scope")).Contains($"resourceId('{scopeType}'", StringComparison.OrdinalIgnoreCase));
            if (setting is null)
            {
                problems.Add($"No diagnostic setting is scoped to a {scopeType}.");
                return;
            }

            if (!setting.Template.Resolve(setting.At("properties.workspaceId")).Contains($"'{ResourceChecks.Workspace}'", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{setting}: its logs do not go to the Log Analytics workspace.");
            }

            var logs = (setting.Template.Dereference(setting.At("properties.logs")) as JsonArray ?? []).OfType<JsonObject>().ToList();
            foreach (var category in categories)
            {
                if (!logs.Any(log => log["category"]?.ToString() == category && log["enabled"]?.GetValue<bool>() == true))
                {
                    problems.Add($"{setting}: the {category} logs of the {scopeType} are not enabled.");
                }
            }
        }
    }

    /// <summary>
    /// With <c>privateNetworking</c> on: the app is on a subnet delegated to Flex Consumption; blob, table,
    /// queue and the vault each have one private endpoint registered in a private DNS zone linked to the
    /// network; storage and the vault refuse public traffic. Off: none of it, and public access stays on.
    /// </summary>
    public static IReadOnlyList<string> PrivateNetworking(CompiledInfra infra, bool on)
    {
        var problems = new Problems();
        var scenario = DeploymentScenario.For(infra, new Dictionary<string, object?> { ["privateNetworking"] = on });
        var endpoints = scenario.ResourcesOfType(PrivateEndpoint)
            .Select(endpoint => scenario.Evaluate(endpoint.Template, (endpoint.At("properties.privateLinkServiceConnections") as JsonArray)?[0]?["properties"]?["groupIds"]?[0]) as string ?? "?")
            .Order(StringComparer.Ordinal)
            .ToList();
        string[] expectedEndpoints = on ? ["blob", "queue", "table", "vault"] : [];
        if (!endpoints.SequenceEqual(expectedEndpoints))
        {
            problems.Add($"With privateNetworking {on}, the private endpoints are [{string.Join(", ", endpoints)}], expected [{string.Join(", ", expectedEndpoints)}].");
        }

        foreach (var type in new[] { DnsZoneGroup, DnsZoneLink })
        {
            var count = scenario.ResourcesOfType(type).Count;
            if (count != expectedEndpoints.Length)
            {
                problems.Add($"With privateNetworking {on}, found {count} {type}, expected {expectedEndpoints.Length}.");
            }
        }

        var networks = scenario.ResourcesOfType(VirtualNetwork);
        if (networks.Count != (on ? 1 : 0))
        {
            problems.Add($"With privateNetworking {on}, found {networks.Count} virtual networks.");
        }

        foreach (var network in networks)
        {
            var delegated = (network.At("properties.subnets") as JsonArray ?? []).OfType<JsonObject>()
                .Any(subnet => (subnet["properties"]?["delegations"] as JsonArray ?? []).Any(delegation => delegation?["properties"]?["serviceName"]?.ToString() == "Microsoft.App/environments"));
            if (!delegated)
            {
                problems.Add($"{network}: no subnet is delegated to Microsoft.App/environments, which Flex Consumption integrates through.");
            }
        }

        var expectedAccess = on ? "Disabled" : "Enabled";
        foreach (var resource in scenario.ResourcesOfType(ResourceChecks.StorageAccount).Concat(scenario.ResourcesOfType(ResourceChecks.Vault)))
        {
            var access = scenario.Evaluate(resource, "properties.publicNetworkAccess");
            if (access as string != expectedAccess)
            {
                problems.Add($"With privateNetworking {on}, {resource}: publicNetworkAccess is {access ?? "missing"}, expected {expectedAccess}.");
            }

            var defaultAction = scenario.Evaluate(resource, "properties.networkAcls.defaultAction");
            if (defaultAction as string != (on ? "Deny" : "Allow"))
            {
                problems.Add($"With privateNetworking {on}, {resource}: networkAcls.defaultAction is {defaultAction ?? "missing"}.");
            }
        }

        foreach (var site in scenario.ResourcesOfType(ResourceChecks.Site))
        {
            var subnet = scenario.Evaluate(site, "properties.virtualNetworkSubnetId");
            if (on && (subnet is null || subnet is string { Length: 0 }))
            {
                problems.Add($"With privateNetworking on, {site}: virtualNetworkSubnetId is not set.");
            }
            else if (!on && subnet is not null)
            {
                problems.Add($"With privateNetworking off, {site}: virtualNetworkSubnetId is {subnet}, expected none.");
            }
        }

        return problems.Items;
    }

    /// <summary>Every <c>textline.*</c> metric name in a query.</summary>
    public static IReadOnlyList<string> MetricReferences(string query) =>
        [.. MetricName().Matches(query).Select(match => match.Groups["name"].Value)];

    /// <summary>Every metric name the compiled workbook and alert rules read.</summary>
    public static IReadOnlySet<string> MetricsRead(CompiledInfra infra)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in infra.ResourcesOfType(LogAlert))
        {
            foreach (var criterion in (rule.At("properties.criteria.allOf") as JsonArray ?? []).OfType<JsonObject>())
            {
                names.UnionWith(MetricReferences(QueryText(criterion["query"])));
            }
        }

        foreach (var workbook in infra.ResourcesOfType(Workbook))
        {
            names.UnionWith(MetricReferences(Content(workbook)?.ToJsonString() ?? ""));
        }

        return names;
    }

    private static JsonObject? Content(ArmResource workbook)
    {
        var data = workbook.At("properties.serializedData")?.ToString() ?? "";
        var variable = StringOfVariable().Match(data);
        if (variable.Success)
        {
            return workbook.Template.Variables[variable.Groups["name"].Value] as JsonObject;
        }

        try
        {
            return data.StartsWith('[') ? null : JsonNode.Parse(data) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static bool EmailComesFromARequiredMainParameter(CompiledInfra infra, ArmTemplate template, string email)
    {
        var parameter = WholeParameter().Match(email);
        if (!parameter.Success)
        {
            return false;
        }

        var passed = template.Deployment?["properties"]?["parameters"]?[parameter.Groups["name"].Value]?["value"]?.ToString() ?? "";
        var root = WholeParameter().Match(passed);
        return template.Parent == infra.Root
            && root.Success
            && infra.Root.Parameters[root.Groups["name"].Value] is { } declared
            && declared["defaultValue"] is null
            && infra.ParametersFile.ContainsKey(root.Groups["name"].Value);
    }

    /// <summary>
    /// The KQL of a rule: the literal, or the query of <c>format('{0}{1}\n', 'query', grace)</c>, which adds the grace
    /// period's row to a rule that fires on missing rows.
    /// </summary>
    public static string QueryText(JsonNode? node)
    {
        var text = node?.ToString() ?? "";
        const string prefix = "[format('{0}{1}\n', '";
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return text;
        }

        var literal = new System.Text.StringBuilder();
        for (var i = prefix.Length; i < text.Length; i++)
        {
            if (text[i] == '\'' && (i + 1 >= text.Length || text[i + 1] != '\''))
            {
                break;
            }

            literal.Append(text[i]);
            i += text[i] == '\'' ? 1 : 0;
        }

        return literal.ToString();
    }

    /// <summary>The grace period's part of a rule's query: the expression after the KQL, or empty for a literal query.</summary>
    public static string GraceText(JsonNode? node)
    {
        var text = node?.ToString() ?? "";
        return text.StartsWith("[format(", StringComparison.Ordinal) ? text[(text.LastIndexOf("',", StringComparison.Ordinal) + 2)..] : "";
    }

    [GeneratedRegex(@"'(?<name>textline\.[a-z.]+[a-z])'")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^\[string\(variables\('(?<name>[^']+)'\)\)\]$")]
    private static partial Regex StringOfVariable();

    [GeneratedRegex(@"^\[parameters\('(?<name>[^']+)'\)\]$")]
    private static partial Regex WholeParameter();
}
