using InterviewTextLine.Infra.Tests.Arm;
using InterviewTextLine.Infra.Tests.Checks;

namespace InterviewTextLine.Infra.Tests;

/// <summary>
/// Proves the checks can fail: each breakage edits a copy of <c>infra/</c> the way a careless change would,
/// and the check guarding that setting must report it, while it reports nothing on the real template.
/// </summary>
public sealed class BreakageTests(MainTemplate main)
{
    private sealed record Breakage(
        string Name,
        string File,
        string Find,
        string Replace,
        Func<CompiledInfra, IReadOnlyList<string>> Check,
        string Expected);

    private static readonly IReadOnlyList<Breakage> All =
    [
        new("TLS 1.0 on the function app", "app/api.bicep", "minTlsVersion: '1.2'", "minTlsVersion: '1.0'", ResourceChecks.FunctionApp, "minTlsVersion"),
        new("FTP allowed", "app/api.bicep", "ftpsState: 'Disabled'", "ftpsState: 'AllState'", ResourceChecks.FunctionApp, "ftpsState"),
        new("shared keys allowed on storage", "core/storage/storage-account.bicep", "allowSharedKeyAccess: false", "allowSharedKeyAccess: true", ResourceChecks.Storage, "allowSharedKeyAccess"),
        new("Twilio token not secure", "main.bicep", "@secure()\n@description('Auth token", "@description('Auth token", TemplateChecks.SecureParameters, "twilioAuthToken"),
        new("a required app setting renamed", "app/api.bicep", "Program__Url: programUrl", "Program__Link: programUrl", SettingsChecks.CoverTheCatalog, "Program__Url"),
        new("Key Vault Secrets Officer instead of User", "app/rbac.bicep", "4633458b-17de-408a-b874-0445c86b69e6", "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", ResourceChecks.RoleAssignments, "4633458b-17de-408a-b874-0445c86b69e6"),
        new("Application Insights local auth on", "core/monitor/monitoring.bicep", "DisableLocalAuth: true", "DisableLocalAuth: false", ResourceChecks.Monitoring, "DisableLocalAuth"),
        new("the table role granted on the whole account", "app/api.bicep", "scope: storage::tableServices::conversations", "scope: storage", ResourceChecks.RoleAssignments, "Storage Table Data Contributor"),
        new("Monitoring Metrics Publisher swapped for Monitoring Reader", "app/rbac.bicep", "3913510d-42f4-4e42-8a64-420c390055eb", "43d0d8ad-25c7-4714-9337-8ba259a9fe05", ResourceChecks.RoleAssignments, "3913510d-42f4-4e42-8a64-420c390055eb"),
        new("alerts also emailed to a fixed address", "app/alerts.bicep", "useCommonAlertSchema: true\n      }\n", "useCommonAlertSchema: true\n      }\n      {\n        name: 'vendor'\n        emailAddress: 'alerts@example.com'\n      }\n", OperationsChecks.AlertRules, "emailAddress"),
        new("the 403 alert rule removed", "app/alerts.bicep", "resource forbiddenBurst 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {", "resource forbiddenBurst 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = if (forbiddenBurstThreshold < 0) {", OperationsChecks.AlertRules, "403 answers"),
        new("a workbook chart reading a misspelled metric", "app/workbook.bicep", "'textline.texters.new'", "'textline.texters'", OperationsChecks.WorkbookCharts, "textline.texters.new"),
        new("blob deletes left out of the audit logs", "core/monitor/diagnostics.bicep", "category: 'StorageDelete'", "category: 'Transaction'", OperationsChecks.AuditLogs, "StorageDelete"),
        new("the vault left public with private networking on", "core/security/key-vault.bicep", "publicNetworkAccess: publicNetworkAccess", "publicNetworkAccess: 'Enabled'", infra => OperationsChecks.PrivateNetworking(infra, on: true), "publicNetworkAccess"),
        new("the queue endpoint pointed at blob", "main.bicep", "groupId: 'queue'", "groupId: 'blob'", infra => OperationsChecks.PrivateNetworking(infra, on: true), "private endpoints"),
        new("512 MB offered again", "app/api.bicep", "@allowed([2048, 4096])", "@allowed([512, 2048, 4096])", ResourceChecks.InstanceMemory, "512"),
        new("workspace retention hard-coded", "core/monitor/monitoring.bicep", "retentionInDays: retentionInDays", "retentionInDays: 90", ResourceChecks.TelemetryRetention, "retentionInDays"),
        new("Application Insights retention left out", "core/monitor/monitoring.bicep", "    RetentionInDays: retentionInDays\n", "", ResourceChecks.TelemetryRetention, "RetentionInDays"),
        new("retention allowed for 12 years", "main.bicep", "@allowed([30, 60, 90, 120, 180, 270, 365, 550, 730])\nparam telemetryRetentionDays", "@minValue(30)\n@maxValue(4383)\nparam telemetryRetentionDays", ResourceChecks.TelemetryRetention, "730"),
        new("a secret pinned to a version", "app/api.bicep", "secrets/sendgrid-api-key)", "secrets/sendgrid-api-key/0123456789abcdef0123456789abcdef)", SettingsChecks.SecretsAreKeyVaultReferences, "SendGrid__ApiKey"),
    ];

    public static TheoryData<string> Names => [.. All.Select(breakage => breakage.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Breaking_a_guarded_setting_makes_its_check_report_it(string name)
    {
        var breakage = All.Single(candidate => candidate.Name == name);
        Assert.Empty(breakage.Check(main.Infra));

        var copy = Directory.CreateTempSubdirectory("infra-breakage-");
        try
        {
            CopyDirectory(MainTemplate.InfraDirectory, copy.FullName);
            var file = Path.Combine(copy.FullName, breakage.File);
            var source = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
            var occurrences = source.Split(breakage.Find).Length - 1;
            Assert.True(occurrences == 1, $"'{breakage.Find}' occurs {occurrences} times in {breakage.File}; the breakage needs it exactly once.");
            await File.WriteAllTextAsync(file, source.Replace(breakage.Find, breakage.Replace, StringComparison.Ordinal), TestContext.Current.CancellationToken);

            var broken = await CompiledInfra.CompileAsync(copy.FullName, lint: false, TestContext.Current.CancellationToken);
            Assert.True(broken.Build.ExitCode == 0, $"The broken copy did not compile: {broken.Build.StandardError}");
            var problems = breakage.Check(broken);
            Assert.Contains(problems, problem => problem.Contains(breakage.Expected, StringComparison.Ordinal));
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
        }
    }
}
