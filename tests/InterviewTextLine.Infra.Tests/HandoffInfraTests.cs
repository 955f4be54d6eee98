using InterviewTextLine.Infra.Tests.Checks;

namespace InterviewTextLine.Infra.Tests;

/// <summary>The warm handoff in the compiled ARM JSON: its parameters, the app settings they become, and its alert.</summary>
public sealed class HandoffInfraTests(MainTemplate main)
{
    [Theory]
    [InlineData("handoffEmail", "", "Handoff__Email")]
    [InlineData("handoffHours", "Mon-Fri 09:00-17:00", "Handoff__Hours")]
    [InlineData("handoffTimeZone", "", "Handoff__TimeZone")]
    [InlineData("handoffSchedule", "*/30 * * * * *", "Handoff__Schedule")]
    public void Each_handoff_parameter_has_a_description_and_a_default_and_reaches_its_app_setting(string parameter, string defaultValue, string setting)
    {
        var declared = main.Infra.Root.Parameters[parameter];
        Assert.Equal("string", declared?["type"]?.ToString());
        Assert.Equal(defaultValue, declared?["defaultValue"]?.ToString());
        Assert.False(string.IsNullOrWhiteSpace(declared?["metadata"]?["description"]?.ToString()));

        var appSetting = AppSettings.Read(main.Infra).Settings[setting];
        Assert.Equal(defaultValue, appSetting.Template.TraceDefault(appSetting.Template.Dereference(appSetting.Value))?.ToString());
    }

    [Fact]
    public void A_failed_handoff_alerts_the_operator_within_minutes()
    {
        var rule = Assert.Single(main.Infra.ResourcesOfType("Microsoft.Insights/scheduledQueryRules"), resource =>
            (resource.Json["properties"]?["criteria"]?["allOf"]?[0]?["query"]?.ToString() ?? "").Contains("textline.handoffs", StringComparison.Ordinal));
        var query = rule.Json["properties"]!["criteria"]!["allOf"]![0]!["query"]!.ToString();

        Assert.Contains("'failed'", query, StringComparison.Ordinal);
        Assert.Equal("PT5M", rule.Json["properties"]?["evaluationFrequency"]?.ToString());
        Assert.Equal(1, rule.Json["properties"]?["severity"]?.GetValue<int>());
    }
}
