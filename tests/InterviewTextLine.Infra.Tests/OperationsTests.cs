using System.Text.Json.Nodes;
using InterviewTextLine.Infra.Tests.Arm;
using InterviewTextLine.Infra.Tests.Checks;

namespace InterviewTextLine.Infra.Tests;

/// <summary>What the operator sees and hears about: the workbook, the alerts, the audit logs, the private network.</summary>
public sealed class OperationsTests(MainTemplate main)
{
    [Fact]
    public void The_workbook_charts_every_operator_metric_from_unsampled_customMetrics() =>
        Assertions.NoProblems(OperationsChecks.WorkbookCharts(main.Infra));

    [Fact]
    public void At_least_five_alert_rules_email_the_operator_through_one_action_group() =>
        Assertions.NoProblems(OperationsChecks.AlertRules(main.Infra));

    [Fact]
    public void The_scripts_container_exists_with_blob_versioning_on_and_the_app_reads_it_by_its_setting()
    {
        var blobServices = Assert.Single(main.Infra.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices"));
        Assert.True(blobServices.At("properties.isVersioningEnabled")?.GetValue<bool>());
        var containers = Assert.Single(main.Infra.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers"));
        Assert.Equal("scripts", main.Infra.Root.Variables["scriptsContainerName"]?.ToString());
        Assert.Contains("scriptsContainerName", main.Infra.Root.Resources.Single(resource => resource.Name == "storage").At("properties.parameters.containers.value")?.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("None", containers.At("properties.publicAccess")?.ToString());
        var settings = Assert.Single(main.Infra.ResourcesOfType("Microsoft.Web/sites/config"), config => config.At("properties.Scripts__ContainerUri") is not null);
        Assert.Contains("scriptsContainerName", settings.At("properties.Scripts__ContainerUri")?.ToString(), StringComparison.Ordinal);
        Assert.Contains("primaryEndpoints.blob", settings.At("properties.Scripts__ContainerUri")?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_operator_may_publish_wording_and_look_up_or_erase_a_number_and_nothing_more() =>
        Assertions.NoProblems(ResourceChecks.OperatorRoles(main.Infra));

    [Fact]
    public void The_alerts_that_fire_on_missing_rows_have_a_grace_period_after_provisioning()
    {
        var rules = main.Infra.ResourcesOfType(OperationsChecks.LogAlert)
            .Select(rule => (rule.At("properties.criteria.allOf") as JsonArray ?? []).OfType<JsonObject>().Single())
            .Where(criterion => criterion["operator"]?.ToString() == "LessThan")
            .ToList();
        Assert.Equal(2, rules.Count);
        Assert.All(rules, criterion =>
        {
            Assert.Contains("variables('graceRow')", OperationsChecks.GraceText(criterion["query"]), StringComparison.Ordinal);
            Assert.StartsWith("customMetrics", OperationsChecks.QueryText(criterion["query"]), StringComparison.Ordinal);
        });
        var alerts = main.Infra.Templates.Single(template => template.Variables.ContainsKey("graceRow"));
        var grace = alerts.Resolve(alerts.Variables["graceRow"]);
        Assert.Contains("union (print timestamp = now() | where now() < datetime(", grace, StringComparison.Ordinal);
        Assert.Contains("parameters('provisionedAt')", grace, StringComparison.Ordinal);
        Assert.Equal("[utcNow()]", main.Infra.Root.Parameters["provisionedAt"]?["defaultValue"]?.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void The_no_texts_alert_exists_only_when_given_a_number_of_days(long days) =>
        Assertions.NoProblems(OperationsChecks.NoTextsRule(main.Infra, days));

    [Fact]
    public void Table_blob_and_Key_Vault_audit_logs_go_to_Log_Analytics() =>
        Assertions.NoProblems(OperationsChecks.AuditLogs(main.Infra));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Private_networking_puts_storage_and_Key_Vault_behind_private_endpoints_only_when_on(bool on) =>
        Assertions.NoProblems(OperationsChecks.PrivateNetworking(main.Infra, on));

    [Fact]
    public void Private_networking_is_off_by_default()
    {
        var parameter = main.Infra.Root.Parameters["privateNetworking"];
        Assert.Equal("bool", parameter?["type"]?.ToString());
        Assert.False(parameter?["defaultValue"]?.GetValue<bool>());
    }

    [Fact]
    public async Task Every_metric_the_workbook_and_alerts_read_is_documented_in_the_runbook()
    {
        var runbook = await File.ReadAllTextAsync(Path.Combine(Bicep.RepositoryRoot, "docs", "operations.md"), TestContext.Current.CancellationToken);
        var read = OperationsChecks.MetricsRead(main.Infra);
        Assert.NotEmpty(read);
        Assert.All(OperationsChecks.MetricNames.Concat(read), metric => Assert.Contains($"`{metric}`", runbook, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_runbook_documents_telemetry_retention_beside_forgets_limits_and_the_measured_working_set()
    {
        var runbook = await File.ReadAllTextAsync(Path.Combine(Bicep.RepositoryRoot, "docs", "operations.md"), TestContext.Current.CancellationToken);
        var start = runbook.IndexOf("## What FORGET cannot reach", StringComparison.Ordinal);
        Assert.True(start >= 0, "The runbook has no section on what FORGET cannot reach.");
        var end = runbook.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = runbook[start..(end < 0 ? runbook.Length : end)];

        Assert.Contains($"`{ResourceChecks.RetentionParameter}`", section, StringComparison.Ordinal);
        Assert.Contains($"{main.Infra.Root.Parameters[ResourceChecks.RetentionParameter]?["defaultValue"]} days", section, StringComparison.Ordinal);
        Assert.Contains("TELEMETRY_RETENTION_DAYS", section, StringComparison.Ordinal);
        Assert.Contains("TELEMETRY_RETENTION_DAYS", main.Infra.ParametersFile.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains($"{ResourceChecks.MeasuredWorkingSetMB} MB", runbook, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_json_exports_OpenTelemetry_and_keeps_no_Application_Insights_SDK_settings()
    {
        var host = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Bicep.RepositoryRoot, "host.json"), TestContext.Current.CancellationToken));

        Assert.Equal("OpenTelemetry", host?["telemetryMode"]?.ToString());
        // logging.applicationInsights (sampling included) does not apply in OpenTelemetry mode; leaving it would mislead.
        Assert.Null(host?["logging"]?["applicationInsights"]);
    }
}
