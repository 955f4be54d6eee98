using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using InterviewTextLine.Core.Diagnostics;
using InterviewTextLine.Core.Retention;
using InterviewTextLine.Integration.Tests.Resilience;
using InterviewTextLine.Integration.Tests.Webhook;
using InterviewTextLine.TestKit.Azurite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace InterviewTextLine.Integration.Tests.Operations;

/// <summary>
/// The funnel, the understanding's sources and misroutes, counted over HTTP on <c>serve</c> with conversations in Table
/// Storage on Azurite, as the workbook and the alerts read them; no tag holds a number, an address or a text.
/// </summary>
public sealed partial class InsightMetricsTests(AzuriteAssemblyFixture azurite)
{
    private const string Ana = "+14155550161";
    private const string Beto = "+14155550162";

    private static readonly string[] Instruments =
    [
        "textline.funnel.entered", "textline.funnel.left", "textline.funnel.quiet", "textline.understanding.source",
        "textline.questionbacks.answered", "textline.misroutes",
    ];

    [Fact]
    public async Task The_funnel_the_understanding_and_misroutes_are_counted_with_script_ids_and_fixed_words_only()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString, configureServices: services => services.AddSingleton<TimeProvider>(time));
        var factory = line.Get<IMeterFactory>();
        var collectors = Instruments.ToDictionary(name => name, name => new MetricCollector<long>(factory, TextLineMetrics.MeterName, name), StringComparer.Ordinal);
        string[] bodies = ["hi", "2", "WRONG", "he was so rude", "el entrevistador es muy grosero", "ERROR", "EMAIL ana@example.com"];

        Assert.Contains("1 Pay/terms", await TextAsync(line, Ana, "hi"));
        Assert.StartsWith("You can leave now", await TextAsync(line, Ana, "2"));
        var apology = await TextAsync(line, Ana, "WRONG");
        Assert.StartsWith("Sorry I got that wrong.", apology);
        Assert.Contains("\n1 Pay/terms", apology);
        Assert.StartsWith("You can leave now", await TextAsync(line, Ana, "he was so rude"));
        Assert.StartsWith("Puedes irte ya", await TextAsync(line, Beto, "el entrevistador es muy grosero"));
        Assert.StartsWith("Perdon, me equivoqué.", await TextAsync(line, Beto, "ERROR"));
        time.Advance(TimeSpan.FromHours(13));
        Assert.StartsWith("Saved.", await TextAsync(line, Ana, "EMAIL ana@example.com"));

        Assert.Equal(1, Sum("textline.misroutes", ("situation", "rude"), ("language", "en")));
        Assert.Equal(1, Sum("textline.misroutes", ("situation", "rude"), ("language", "es")));
        Assert.Equal(4, Sum("textline.funnel.entered", ("state", "welcome")));
        Assert.Equal(3, Sum("textline.funnel.entered", ("state", "leave_now")));
        Assert.Equal(2, Sum("textline.funnel.left", ("state", "welcome"), ("to", "leave_now"), ("how", "situation")));
        Assert.Equal(2, Sum("textline.funnel.left", ("state", "leave_now"), ("to", "welcome"), ("how", "command")));
        Assert.Equal(1, Sum("textline.funnel.quiet", ("state", "leave_now")));
        Assert.Equal(1, Sum("textline.understanding.source", ("language", "en"), ("source", "not_understood")));
        Assert.True(Sum("textline.understanding.source", ("language", "en"), ("source", "rule")) >= 3);
        Assert.Equal(2, Sum("textline.understanding.source", ("language", "es")));
        Assert.Equal(bodies.Length, collectors["textline.understanding.source"].GetMeasurementSnapshot().Sum(m => m.Value));

        // The sweep that deletes a conversation nobody came back to counts where it went quiet.
        time.Advance(TimeSpan.FromDays(40));
        await line.Get<IRetentionSweeper>().RunAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, Sum("textline.funnel.quiet", ("state", "welcome")));
        Assert.Equal(1, Sum("textline.funnel.quiet", ("state", "leave_now")));

        var tags = collectors.Values.SelectMany(collector => collector.GetMeasurementSnapshot()).SelectMany(m => m.Tags).ToList();
        Assert.NotEmpty(tags);
        Assert.All(tags, tag =>
        {
            var value = Assert.IsType<string>(tag.Value);
            Assert.Matches(FixedWord(), value);
            Assert.DoesNotContain(bodies, body => string.Equals(body, value, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("5550", value, StringComparison.Ordinal);
        });

        long Sum(string name, params (string Key, string Value)[] match) =>
            collectors[name].GetMeasurementSnapshot()
                .Where(measurement => match.All(tag => Equals(measurement.Tags.GetValueOrDefault(tag.Key), tag.Value)))
                .Sum(measurement => measurement.Value);
    }

    [Fact]
    public async Task WRONG_away_from_advice_brings_the_menu_back_and_counts_no_misroute()
    {
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString);
        using var misroutes = new MetricCollector<long>(line.Get<IMeterFactory>(), TextLineMetrics.MeterName, "textline.misroutes");

        await TextAsync(line, Ana, "1");
        await TextAsync(line, Ana, "NO");
        var reply = await TextAsync(line, Ana, "wrong");

        Assert.StartsWith("Sorry I got that wrong.", reply);
        Assert.Empty(misroutes.GetMeasurementSnapshot());
        var row = Assert.Single(await line.RowsAsync());
        Assert.Equal("welcome", row.GetString("StateId"));
    }

    private static async Task<string> TextAsync(ServedLine line, string from, string body)
    {
        using var response = await line.TextAsync(InboundSms.Text(body).With("From", from));
        return (await Twiml.MessagesAsync(response)).SingleOrDefault() ?? "";
    }

    [GeneratedRegex("^[a-z0-9_]{1,40}$")]
    private static partial Regex FixedWord();
}
