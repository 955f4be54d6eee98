using System.CommandLine;
using System.Diagnostics.Metrics;
using System.Globalization;
using InterviewTextLine.Cli.Commands;
using InterviewTextLine.Core.Diagnostics;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Hosting.Scripts;
using InterviewTextLine.Integration.Tests.Resilience;
using InterviewTextLine.Integration.Tests.Webhook;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Builders;
using InterviewTextLine.TestKit.Waiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace InterviewTextLine.Integration.Tests.Operations;

/// <summary>
/// Wording published with <c>textline publish</c> to a blob container on Azurite, taken by a running <c>serve</c>
/// without a restart; a version that fails the lint refused with the old wording kept; a revert. The line runs on a
/// fake clock, which the tests move on to the line's next check of the container.
/// </summary>
public sealed class PublishedWordingTests(AzuriteAssemblyFixture azurite) : IDisposable
{
    private const string Shipped = "interview help:";
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);
    private readonly string _container = TestData.NewTableName("scripts").ToLowerInvariant();
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("textline-publish-");
    private readonly FakeTimeProvider _time = new(TestClock.Start);
    private MetricCollector<long>? _versions;

    /// <summary>Every version the line took (<c>switched</c>) or refused (<c>refused</c>).</summary>
    private MetricCollector<long> Versions => _versions ?? throw new InvalidOperationException("The line starts in StartAsync.");

    [Fact]
    public async Task A_published_version_is_picked_up_by_a_running_serve_without_a_restart()
    {
        await using var line = await StartAsync();
        Assert.Contains(Shipped, await WelcomeAsync(line));

        var (code, output) = await PublishAsync("--script", "en=" + Edited("help line:"));

        Assert.Equal(0, code);
        Assert.Contains("en: state 'welcome' text:", output, StringComparison.Ordinal);
        Assert.Contains("Published version 1.", output, StringComparison.Ordinal);
        await NextCheckAsync();
        Assert.Contains("help line:", await WelcomeAsync(line));
        Assert.Equal("1", line.Get<ScriptSwitcher>().CurrentVersion);
        Assert.Contains("* 1 ", (await RunAsync(PublishCommand.Versions(_ => null), "--storage", azurite.ConnectionString, "--container", _container)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_version_is_refused_and_the_old_one_stays_with_a_metric_and_a_log()
    {
        await using var line = await StartAsync();
        Assert.Equal(0, (await PublishAsync("--script", "en=" + Edited("help line:"))).Code);
        await NextCheckAsync();
        Assert.Contains("help line:", await WelcomeAsync(line));

        // publish lints first and refuses to upload it...
        var tooLong = Edited(new string('x', 200) + ":");
        var (code, output) = await PublishAsync("--script", "en=" + tooLong);
        Assert.Equal(1, code);
        Assert.Contains("en: State 'welcome' text takes", output, StringComparison.Ordinal);

        // ...so a bad version can only come by other means: uploaded straight to the container.
        var store = new BlobScriptStore(ScriptStoreServiceCollectionExtensions.Container(new ScriptStoreOptions { ConnectionString = azurite.ConnectionString, Container = _container }));
        var bad = new Dictionary<string, string>(ScriptSet.Embedded(InterviewTextLine.Core.Languages.BuiltInLanguages.All), StringComparer.Ordinal) { ["en"] = await File.ReadAllTextAsync(tooLong, TestContext.Current.CancellationToken) };
        Assert.Equal("2", await store.PublishAsync(bad, _time.GetUtcNow(), TestContext.Current.CancellationToken));

        await NextCheckAsync();
        Assert.Equal("1", line.Get<ScriptSwitcher>().CurrentVersion);
        Assert.Contains("help line:", await WelcomeAsync(line));
        Assert.Equal(1, Versions.GetMeasurementSnapshot().Where(m => Equals(m.Tags["result"], "refused")).Sum(m => m.Value));
        Assert.Contains(line.Logs.GetSnapshot(), record => record.Id.Id == 6003 && record.Message.Contains("version 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Revert_restores_the_previous_wording()
    {
        await using var line = await StartAsync();
        Assert.Equal(0, (await PublishAsync("--script", "en=" + Edited("help line:"))).Code);
        Assert.Equal(0, (await PublishAsync("--script", "en=" + Edited("advice line:"))).Code);
        await NextCheckAsync();
        Assert.Contains("advice line:", await WelcomeAsync(line));

        var (code, output) = await PublishAsync("--revert");

        Assert.Equal(0, code);
        Assert.Contains("goes back to version 1 (was 2)", output, StringComparison.Ordinal);
        await NextCheckAsync();
        Assert.Contains("help line:", await WelcomeAsync(line));
        Assert.Contains("* 1 ", (await RunAsync(PublishCommand.Versions(_ => null), "--storage", azurite.ConnectionString, "--container", _container)).Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _versions?.Dispose();
        _folder.Delete(recursive: true);
    }

    private async Task<ServedLine> StartAsync()
    {
        var line = await ServedLine.StartAsync(
            azurite.ConnectionString,
            new Dictionary<string, string?>
            {
                ["Scripts:ConnectionString"] = azurite.ConnectionString,
                ["Scripts:Container"] = _container,
                ["Scripts:RefreshInterval"] = RefreshInterval.ToString("c", CultureInfo.InvariantCulture),
            },
            services => services.AddSingleton<TimeProvider>(_time));
        _versions = new MetricCollector<long>(line.Get<IMeterFactory>(), TextLineMetrics.MeterName, "textline.scripts.versions");
        return line;
    }

    /// <summary>
    /// Moves the line's clock on to its next check of the container and waits until that check has taken or refused
    /// the version published before it (each counts one <c>textline.scripts.versions</c>).
    /// </summary>
    private async Task NextCheckAsync()
    {
        using var patience = Patience.Start();
        var seen = Versions.GetMeasurementSnapshot().Count;
        _time.Advance(RefreshInterval);
        await Versions.WaitForMeasurementsAsync(seen + 1, patience.Token);
    }

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
}
