using System.Diagnostics.Metrics;
using System.Net;
using System.Xml.Linq;
using InterviewTextLine.Core.Diagnostics;
using InterviewTextLine.Hosting.Webhook;
using InterviewTextLine.Integration.Tests.Resilience;
using InterviewTextLine.Integration.Tests.Webhook;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Builders;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace InterviewTextLine.Integration.Tests.Operations;

/// <summary>Twilio's status callback for the line's replies, on <c>serve</c> over Azurite.</summary>
public sealed class DeliveryStatusTests(AzuriteAssemblyFixture azurite)
{
    [Fact]
    public async Task A_signed_status_callback_with_error_30007_is_counted_by_code_and_an_unsigned_one_gets_403()
    {
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString);
        using var deliveries = new MetricCollector<long>(line.Get<IMeterFactory>(), TextLineMetrics.MeterName, "textline.deliveries");
        var fields = StatusCallback("undelivered", "30007");

        var unsigned = await line.PostAsync(DeliveryStatusHandler.Route, fields, signature: null);
        var forged = await line.PostAsync(DeliveryStatusHandler.Route, fields, signature: "forged");
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Empty(deliveries.GetMeasurementSnapshot());

        var signed = await line.PostAsync(DeliveryStatusHandler.Route, fields, line.Sign(DeliveryStatusHandler.Route, fields));
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Empty(XDocument.Parse(await signed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Root!.Elements());
        var delivered = StatusCallback("delivered", null);
        await line.PostAsync(DeliveryStatusHandler.Route, delivered, line.Sign(DeliveryStatusHandler.Route, delivered));

        var measurement = Assert.Single(deliveries.GetMeasurementSnapshot(), m => Equals(m.Tags["status"], "undelivered"));
        Assert.Equal(1, measurement.Value);
        Assert.Equal("30007", measurement.Tags["error_code"]);
        Assert.Equal("none", Assert.Single(deliveries.GetMeasurementSnapshot(), m => Equals(m.Tags["status"], "delivered")).Tags["error_code"]);
        Assert.All(deliveries.GetMeasurementSnapshot().SelectMany(m => m.Tags), tag => Assert.DoesNotContain("+1", tag.Value as string ?? "", StringComparison.Ordinal));
        Assert.Empty(await line.RowsAsync());
        Assert.DoesNotContain(line.Logs.GetSnapshot(), record => record.Message.Contains(InboundSms.TexterNumber, StringComparison.Ordinal));
        Assert.Contains(line.Logs.GetSnapshot(), record => record.Id.Id == 1201 && record.Message.Contains("30007", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_reply_names_the_status_callback_as_its_action_on_the_configured_public_url()
    {
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString);
        var reply = await line.TextAsync(InboundSms.Text("hi"));

        var message = Assert.Single(XDocument.Parse(await reply.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Root!.Elements("Message"));
        var baseUrl = line.Get<Microsoft.Extensions.Options.IOptions<TwilioOptions>>().Value.WebhookBaseUrl.TrimEnd('/');
        Assert.Equal(baseUrl + DeliveryStatusHandler.Route, message.Attribute("action")?.Value);
        Assert.Equal("POST", message.Attribute("method")?.Value);
    }

    [Theory]
    [InlineData("30007", "30007")]
    [InlineData("", "none")]
    [InlineData("+14155550123", "other")]
    [InlineData("1234567", "other")]
    public void An_error_code_becomes_a_tag_of_digits_only(string code, string tag) => Assert.Equal(tag, InsightMetrics.ErrorCode(code));

    private static Dictionary<string, string> StatusCallback(string status, string? errorCode)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MessageSid"] = TestData.NewMessageSid(),
            ["SmsSid"] = "SM0000000000000000000000000000000a",
            ["AccountSid"] = "AC00000000000000000000000000000000",
            ["From"] = InboundSms.LineNumber,
            ["To"] = InboundSms.TexterNumber,
            ["MessageStatus"] = status,
            ["SmsStatus"] = status,
            ["ApiVersion"] = "2010-04-01",
        };
        if (errorCode is not null)
        {
            fields["ErrorCode"] = errorCode;
        }

        return fields;
    }
}
