using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using InterviewTextLine.Cli.Serve;
using InterviewTextLine.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace InterviewTextLine.Integration.Tests.Webhook;

/// <summary>The line's meter, read as the workbook and the alerts read it, after a conversation over HTTP.</summary>
public sealed partial class MetricsOverHttpTests
{
    private static readonly string[] Counters =
    [
        "textline.texts", "textline.texters.new", "textline.situations.entered", "textline.understanding",
        "textline.optouts", "textline.optins", "textline.help", "textline.followups", "textline.webhook.responses",
        "textline.fallback.served", "textline.storage.conflicts", "textline.limits",
    ];

    private static readonly string[] Histograms = ["textline.handler.duration", "textline.classify.duration"];

    [Fact]
    public async Task A_conversation_is_counted_by_outcome_and_no_tag_holds_a_number_an_address_or_a_text()
    {
        await using var host = await WebhookTestHost.StartAsync();
        var factory = host.App.Services.GetRequiredService<IMeterFactory>();
        var counters = Counters.ToDictionary(name => name, name => new MetricCollector<long>(factory, TextLineMetrics.MeterName, name), StringComparer.Ordinal);
        var histograms = Histograms.ToDictionary(name => name, name => new MetricCollector<double>(factory, TextLineMetrics.MeterName, name), StringComparer.Ordinal);
        string[] bodies = ["hi", "she keeps yelling at me", "HELP", "EMAIL someone@example.com", "STOP"];

        var first = InboundSms.Text(bodies[0]);
        await Twiml.MessagesAsync(await host.PostSignedAsync(ServeHost.WebhookRoute, first.Fields));
        await Twiml.MessagesAsync(await host.PostSignedAsync(ServeHost.WebhookRoute, first.Fields));
        foreach (var body in bodies[1..])
        {
            await Twiml.MessagesAsync(await host.PostSignedAsync(ServeHost.WebhookRoute, InboundSms.Text(body).Fields));
        }

        var forged = await host.PostAsync(ServeHost.WebhookRoute, InboundSms.Text("hi").Fields, signature: "forged");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, forged.StatusCode);

        Assert.Equal(1, Sum("textline.texts", ("outcome", "duplicate")));
        Assert.Equal(2, Sum("textline.texts", ("outcome", "advanced")));
        Assert.Equal(3, Sum("textline.texts", ("outcome", "reply_only")));
        Assert.Equal(1, Sum("textline.texters.new"));
        Assert.Equal(1, Sum("textline.situations.entered", ("situation", "rude")));
        Assert.Equal(1, Sum("textline.help"));
        Assert.Equal(1, Sum("textline.optouts"));
        Assert.Equal(0, Sum("textline.optins"));
        Assert.Equal(1, Sum("textline.followups", ("outcome", "scheduled")));
        Assert.Equal(1, Sum("textline.followups", ("outcome", "cancelled")));
        Assert.Equal(6, Sum("textline.webhook.responses", ("status", "200")));
        Assert.Equal(1, Sum("textline.webhook.responses", ("status", "403")));
        Assert.True(Sum("textline.understanding", ("result", "understood")) >= 3);
        Assert.Equal(1, Sum("textline.understanding", ("result", "not_understood")));
        Assert.Equal(0, Sum("textline.fallback.served"));
        Assert.Equal(6, histograms["textline.handler.duration"].GetMeasurementSnapshot().Count);
        Assert.Equal(5, histograms["textline.classify.duration"].GetMeasurementSnapshot().Count);

        var tags = counters.Values.SelectMany(collector => collector.GetMeasurementSnapshot())
            .SelectMany(measurement => measurement.Tags)
            .Concat(histograms.Values.SelectMany(collector => collector.GetMeasurementSnapshot()).SelectMany(measurement => measurement.Tags))
            .ToList();
        Assert.NotEmpty(tags);
        Assert.All(tags, tag =>
        {
            var value = Assert.IsType<string>(tag.Value);
            Assert.Matches(FixedWord(), value);
            Assert.DoesNotMatch(PhoneLike(), value);
            Assert.DoesNotContain("@", value, StringComparison.Ordinal);
            Assert.DoesNotContain(bodies, body => string.Equals(body, value, StringComparison.OrdinalIgnoreCase));
        });

        long Sum(string name, params (string Key, string Value)[] match) =>
            counters[name].GetMeasurementSnapshot()
                .Where(measurement => match.All(tag => Equals(measurement.Tags.GetValueOrDefault(tag.Key), tag.Value)))
                .Sum(measurement => measurement.Value);
    }

    /// <summary>Every tag value is a fixed word, a script id or a status code: lower case, digits and underscores.</summary>
    [GeneratedRegex("^[a-z0-9_]{1,40}$")]
    private static partial Regex FixedWord();

    [GeneratedRegex(@"\d{7,}")]
    private static partial Regex PhoneLike();
}
