using System.Text.Json.Nodes;

namespace InterviewTextLine.Integration.Tests.Functions;

/// <summary>The built <c>functions.metadata</c>, which is what the Functions host routes by.</summary>
public sealed class FunctionsMetadataTests
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

    [Fact]
    public void Host_json_ships_with_the_app_and_keeps_the_api_route_prefix()
    {
        var host = JsonNode.Parse(File.ReadAllText(RepositoryFiles.FunctionsOutput("host.json")))!;

        Assert.Equal("api", (string?)host["extensions"]?["http"]?["routePrefix"]);
    }

    private static JsonNode Trigger(string functionName)
    {
        var path = RepositoryFiles.FunctionsOutput("functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing; build src/InterviewTextLine.Functions first.");
        var functions = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        var function = Assert.Single(functions, function => (string?)function!["name"] == functionName)!;
        return Assert.Single(function["bindings"]!.AsArray(), binding => (string?)binding!["type"] == "httpTrigger")!;
    }
}
