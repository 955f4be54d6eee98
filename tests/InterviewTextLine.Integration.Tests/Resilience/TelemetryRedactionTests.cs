using System.Collections.Concurrent;
using System.Diagnostics;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Hosting.Telemetry;
using InterviewTextLine.Integration.Tests.Webhook;
using InterviewTextLine.TestKit.Azurite;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace InterviewTextLine.Integration.Tests.Resilience;

/// <summary>
/// The spans an exporter receives (Application Insights in Azure, an OTLP collector for serve) carry no texter's
/// storage key: the Azure SDK's spans of Table Storage calls hold the request URL, whose path names the partition.
/// </summary>
public sealed class TelemetryRedactionTests(AzuriteAssemblyFixture azurite)
{
    [Fact]
    public async Task Spans_of_table_storage_calls_reach_the_exporter_without_the_texter_key()
    {
        var exported = new ConcurrentQueue<Activity>();
        await using var line = await ServedLine.StartAsync(
            azurite.ConnectionString,
            configureServices: services => services.AddOpenTelemetry().WithTracing(tracing => tracing
                .AddSource("Azure.*")

                // Every span, whatever its parent: nothing here records the web request the SDK's calls sit under.
                .SetSampler(new AlwaysOnSampler())
                .AddProcessor(new Exporter(exported))));

        foreach (var body in new[] { "hi", "1", "EMAIL me@example.com", "FORGET" })
        {
            using var response = await line.TextAsync(InboundSms.Text(body));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        var id = line.Get<PhoneHasher>().Texter(InboundSms.TexterNumber, InboundSms.LineNumber).Value;
        var tags = exported.Where(span => span.Source.Name.StartsWith("Azure", StringComparison.Ordinal))
            .SelectMany(span => span.TagObjects.Select(tag => $"{span.DisplayName} {tag.Key}={tag.Value}"))
            .ToList();
        Assert.Contains(tags, tag => tag.Contains($"PartitionKey='{StorageKeyRedaction.Redacted}'", StringComparison.Ordinal));
        Assert.DoesNotContain(tags, tag => tag.Contains(id[..TexterTag.Length], StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("GET http://h/acct/conversations(PartitionKey='abc123',RowKey='c')", "GET http://h/acct/conversations(PartitionKey='redacted',RowKey='redacted')")]
    [InlineData("/followups(PartitionKey=%27due%27,RowKey=%2720260302T140000-abc123%27)", "/followups(PartitionKey=%27redacted%27,RowKey=%27redacted%27)")]
    [InlineData("$filter=PartitionKey eq 'abc123' and RowKey ge 'r'", "$filter=PartitionKey eq 'redacted' and RowKey ge 'redacted'")]
    [InlineData("$filter=PartitionKey%20eq%20%27abc123%27", "$filter=PartitionKey%20eq%20%27redacted%27")]
    [InlineData("nothing to see", "nothing to see")]
    public void Storage_keys_are_redacted_in_paths_and_filters(string text, string expected) =>
        Assert.Equal(expected, StorageKeyRedaction.Redact(text));

    /// <summary>Stands in for an exporter: it sees spans after every processor configured before it.</summary>
    private sealed class Exporter(ConcurrentQueue<Activity> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => spans.Enqueue(data);
    }
}
