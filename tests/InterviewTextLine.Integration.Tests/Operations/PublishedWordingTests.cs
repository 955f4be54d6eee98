using System.CommandLine;
using System.Diagnostics.Metrics;
using InterviewTextLine.Cli.Commands;
using InterviewTextLine.Core.Diagnostics;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Hosting.Scripts;
using InterviewTextLine.Integration.Tests.Resilience;
using InterviewTextLine.Integration.Tests.Webhook;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Builders;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace InterviewTextLine.Integration.Tests.Operations;

/// <summary>
/// Wording published with <c>textline publish</c> to a blob container on Azurite, taken by a running <c>serve</c>
/// without a restart; a version that fails the lint refused with the old wording kept; a revert.
/// </summary>
public sealed class PublishedWordingTests(AzuriteAssemblyFixture azurite) : IDisposable
{
    private const string Shipped = "interview help:";
    private readonly string _container = TestData.NewTableName("scripts").ToLowerInvariant();
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("textline-publish-");

    [Fact]
    public async Task A_published_version_is_picked_up_by_a_running_serve_without_a_restart()
    {
        await using var line = await StartAsync();
        Assert.Contains(Shipped, await WelcomeAsync(line));

        var (code, output) = await PublishAsync("--script", "en=" + Edited("help line:"));

        Assert.Equal(0, code);
        Assert.Contains("en: state 'welcome' text:", output, StringComparison.Ordinal);
        Assert.Contains("Published version 1.", output, StringComparison.Ordinal);
        Assert.Contains("help line:", await EventuallyAsync(line, "help line:"));
        Assert.Equal("1", line.Get<ScriptSwitcher>().CurrentVersion);
        Assert.Contains("* 1 ", (await RunAsync(PublishCommand.Versions(_ => null), "--storage", azurite.ConnectionString, "--container", _container)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_version_is_refused_and_the_old_one_stays_with_a_metric_and_a_log()
    {
        await using var line = await StartAsync();
        using var versions = new MetricCollector<long>(line.Get<IMeterFactory>(), TextLineMetrics.MeterName, "textline.scripts.versions");
        Assert.Equal(0, (await PublishAsync("--script", "en=" + Edited("help line:"))).Code);
        Assert.Contains("help line:", await EventuallyAsync(line, "help line:"));

        // publish lints first and refuses to upload it...
        var tooLong = Edited(new string('x', 200) + ":");
        var (code, output) = await PublishAsync("--script", "en=" + tooLong);
        Assert.Equal(1, code);
        Assert.Contains("en: State 'welcome' text takes", output, StringComparison.Ordinal);

        // ...so a bad version can only come by other means: uploaded straight to the container.
        var store = new BlobScriptStore(ScriptStoreServiceCollectionExtensions.Container(new ScriptStoreOptions { ConnectionString = azurite.ConnectionString, Container = _container }));
        var bad = new Dictionary<string, string>(ScriptSet.Embedded(), StringComparer.Ordinal) { ["en"] = await File.ReadAllTextAsync(tooLong, TestContext.Current.CancellationToken) };
        Assert.Equal("2", await store.PublishAsync(bad, TimeProvider.System.GetUtcNow(), TestContext.Current.CancellationToken));

        await EventuallyAsync(() => versions.GetMeasurementSnapshot().Any(m => Equals(m.Tags["result"], "refused")));
        Assert.Equal("1", line.Get<ScriptSwitcher>().CurrentVersion);
        Assert.Contains("help line:", await WelcomeAsync(line));
        Assert.Equal(1, versions.GetMeasurementSnapshot().Where(m => Equals(m.Tags["result"], "refused")).Sum(m => m.Value));
        Assert.Contains(line.Logs.GetSnapshot(), record => record.Id.Id == 6003 && record.Message.Contains("version 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Revert_restores_the_previous_wording()
    {
        await using var line = await StartAsync();
        Assert.Equal(0, (await PublishAsync("--script", "en=" + Edited("help line:"))).Code);
        Assert.Equal(0, (await PublishAsync("--script", "en=" + Edited("advice line:"))).Code);
        Assert.Contains("advice line:", await EventuallyAsync(line, "advice line:"));

        var (code, output) = await PublishAsync("--revert");

        Assert.Equal(0, code);
        Assert.Contains("goes back to version 1 (was 2)", output, StringComparison.Ordinal);
        Assert.Contains("help line:", await EventuallyAsync(line, "help line:"));
        Assert.Contains("* 1 ", (await RunAsync(PublishCommand.Versions(_ => null), "--storage", azurite.ConnectionString, "--container", _container)).Output, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private Task<ServedLine> StartAsync() => ServedLine.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
    {
        ["Scripts:ConnectionString"] = azurite.ConnectionString,
        ["Scripts:Container"] = _container,
        ["Scripts:RefreshInterval"] = "00:00:01",
    });

    /// <summary>The shipped English script with the welcome's "interview help:" replaced, written to a file.</summary>
    private string Edited(string replacement)
    {
        var path = Path.Combine(_folder.FullName, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, FlowLoader.ReadEmbeddedJson("en").Replace(Shipped, replacement, StringComparison.Ordinal));
        return path;
    }

    private Task<(int Code, string Output)> PublishAsync(params string[] arguments) =>
        RunAsync(PublishCommand.Publish(_ => null), [.. arguments, "--storage", azurite.ConnectionString, "--container", _container]);

    private static async Task<(int Code, string Output)> RunAsync(Command command, params string[] arguments)
    {
        using var output = new StringWriter();
        var code = await command.Parse(arguments).InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, TestContext.Current.CancellationToken);
        return (code, output.ToString());
    }

    private static async Task<string> WelcomeAsync(ServedLine line)
    {
        using var response = await line.TextAsync(InboundSms.Text("MENU").With("From", "+1415555" + Random.Shared.Next(1000, 9999)));
        return (await Twiml.MessagesAsync(response)).Single();
    }

    /// <summary>The welcome, once it contains <paramref name="expected"/> (the line checks every second).</summary>
    private static async Task<string> EventuallyAsync(ServedLine line, string expected)
    {
        var welcome = "";
        await EventuallyAsync(async () => (welcome = await WelcomeAsync(line)).Contains(expected, StringComparison.Ordinal));
        return welcome;
    }

    private static Task EventuallyAsync(Func<bool> condition) => EventuallyAsync(() => Task.FromResult(condition()));

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(20);
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "The line did not take the change within 20 seconds.");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }
}
