using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InterviewTextLine.Hosting;

namespace InterviewTextLine.Integration.Tests.Functions;

/// <summary>The built <c>functions.metadata</c>, which is what the Functions host routes by.</summary>
public sealed partial class FunctionsMetadataTests
{
    [Theory]
    [InlineData("SmsWebhook", "sms")]
    [InlineData("SmsFallback", "sms/fallback")]
    public void The_webhook_functions_are_anonymous_post_http_triggers_on_their_routes(string name, string route)
    {
        var trigger = Trigger(name);

        Assert.Equal(route, (string?)trigger["route"]);
        Assert.Equal(["post"], trigger["methods"]!.AsArray().Select(method => (string?)method));
        Assert.Equal("Anonymous", (string?)trigger["authLevel"]);
    }

    [Theory]
    [InlineData("FollowUpTimer", "FollowUp:Schedule")]
    [InlineData("RetentionTimer", "Privacy:RetentionSchedule")]
    [InlineData("HandoffTimer", "Handoff:Schedule")]
    public void The_timers_run_on_schedules_from_app_settings(string name, string setting)
    {
        var trigger = Binding(name, "timerTrigger");
        Assert.Equal($"%{setting}%", (string?)trigger["schedule"]);
    }

    [Fact]
    public void Every_setting_a_binding_expression_names_is_one_the_deployment_must_set()
    {
        // The host resolves %Section:Key% from app settings before the worker starts, so an option's
        // default never applies there: the setting has to be deployed.
        var metadata = File.ReadAllText(RepositoryFiles.FunctionsOutput("functions.metadata"));
        var expressions = BindingExpression().Matches(metadata).Select(match => match.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(expressions);
        foreach (var name in expressions)
        {
            Assert.Contains(SettingsCatalog.All, setting => setting.Name == name && setting.IsRequiredInAzure);
        }
    }

    [Fact]
    public void Host_json_ships_with_the_app_and_keeps_the_api_route_prefix()
    {
        var host = JsonNode.Parse(File.ReadAllText(RepositoryFiles.FunctionsOutput("host.json")))!;

        Assert.Equal("api", (string?)host["extensions"]?["http"]?["routePrefix"]);
    }

    private static JsonNode Trigger(string functionName) => Binding(functionName, "httpTrigger");

    private static JsonNode Binding(string functionName, string type)
    {
        var path = RepositoryFiles.FunctionsOutput("functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing; build src/InterviewTextLine.Functions first.");
        var functions = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        var function = Assert.Single(functions, function => (string?)function!["name"] == functionName)!;
        return Assert.Single(function["bindings"]!.AsArray(), binding => (string?)binding!["type"] == type)!;
    }

    [GeneratedRegex("%([A-Za-z]+:[A-Za-z]+)%")]
    private static partial Regex BindingExpression();
}
