using InterviewTextLine.Infra.Tests.Checks;

namespace InterviewTextLine.Infra.Tests;

/// <summary>The checklist's settings, asserted as exact values on the compiled <c>infra/main.bicep</c>.</summary>
public sealed class TemplateTests(MainTemplate main)
{
    [Fact]
    public void Bicep_lint_and_build_pass_without_a_warning() => Assertions.NoProblems(ResourceChecks.CompilesCleanly(main.Infra));

    [Fact]
    public void The_plan_is_Flex_Consumption_on_Linux() => Assertions.NoProblems(ResourceChecks.FlexPlan(main.Infra));

    [Fact]
    public void The_function_app_is_hardened_and_runs_dotnet_isolated_10() => Assertions.NoProblems(ResourceChecks.FunctionApp(main.Infra));

    [Fact]
    public void No_setting_of_the_older_plans_is_set_on_Flex_Consumption() => Assertions.NoProblems(ResourceChecks.NoDeprecatedFlexSettings(main.Infra));

    [Fact]
    public void The_storage_account_refuses_shared_keys_public_blobs_and_old_TLS() => Assertions.NoProblems(ResourceChecks.Storage(main.Infra));

    [Fact]
    public void Nothing_lists_storage_keys_or_builds_an_account_key_connection_string() => Assertions.NoProblems(ResourceChecks.NoSharedKeys(main.Infra));

    [Fact]
    public void Application_Insights_takes_Entra_telemetry_only_into_a_PerGB2018_workspace() => Assertions.NoProblems(ResourceChecks.Monitoring(main.Infra));

    [Fact]
    public void Telemetry_retention_is_a_bounded_parameter_of_30_days_that_reaches_the_workspace_and_Application_Insights() =>
        Assertions.NoProblems(ResourceChecks.TelemetryRetention(main.Infra));

    [Fact]
    public void Every_instance_memory_size_offered_holds_the_measured_working_set() => Assertions.NoProblems(ResourceChecks.InstanceMemory(main.Infra));

    [Fact]
    public void Key_Vault_uses_RBAC_and_purge_protection_and_writes_a_secret_only_when_given() => Assertions.NoProblems(ResourceChecks.KeyVault(main.Infra));

    [Fact]
    public void The_identity_gets_exactly_the_roles_the_app_needs() => Assertions.NoProblems(ResourceChecks.RoleAssignments(main.Infra));

    [Fact]
    public void Secret_looking_parameters_are_secure_and_never_output() => Assertions.NoProblems(TemplateChecks.SecureParameters(main.Infra));

    [Fact]
    public void Every_parameter_has_a_description() => Assertions.NoProblems(TemplateChecks.ParameterDescriptions(main.Infra));

    [Fact]
    public void The_parameters_file_supplies_every_parameter_without_a_default() => Assertions.NoProblems(TemplateChecks.ParametersFile(main.Infra));

    [Fact]
    public void Resources_carry_the_azd_tags() => Assertions.NoProblems(TemplateChecks.Tags(main.Infra));

    [Fact]
    public void The_outputs_give_the_webhook_URLs_as_azd_environment_variables() => Assertions.NoProblems(TemplateChecks.Outputs(main.Infra));

    [Fact]
    public void The_template_has_resources_in_nested_module_deployments()
    {
        // Guards the walk itself: if nested templates went unread, every check above would pass on nothing.
        Assert.True(main.Infra.Templates.Count >= 8, $"Only {main.Infra.Templates.Count} templates were read.");
        Assert.Contains(main.Infra.Resources, resource => resource.IsType(ResourceChecks.Site) && resource.Template.Parent is not null);
    }
}
