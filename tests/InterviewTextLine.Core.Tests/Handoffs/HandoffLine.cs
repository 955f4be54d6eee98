using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Diagnostics;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Handoffs;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.TestKit.FollowUps;
using InterviewTextLine.TestKit.Lines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core.Tests.Handoffs;

/// <summary>
/// The line with the handoff on (office hours Mon-Fri 09:00-17:00 in New York) on a fake clock that starts on a Monday
/// at 9:00 there, the handoff sender over the same store, a fake email sender, and every log record collected.
/// </summary>
internal sealed class HandoffLine : IAsyncDisposable
{
    public const string Inbox = "callbacks@example.edu";

    public static IReadOnlyDictionary<string, string?> On { get; } = new Dictionary<string, string?>
    {
        ["Handoff:Email"] = Inbox,
        ["Handoff:TimeZone"] = "America/New_York",
        ["Handoff:Hours"] = "Mon-Fri 09:00-17:00",
    };

    private HandoffLine(LineHarness harness)
    {
        Harness = harness;
        Dispatcher = NewDispatcher();
    }

    /// <summary>A sender as a restarted host builds it: nothing but the store carries over.</summary>
    public void Restart() => Dispatcher = NewDispatcher();

    private HandoffDispatcher NewDispatcher()
    {
        var harness = Harness;
        var services = harness.Services;
        var options = services.GetRequiredService<IOptions<HandoffOptions>>();
        var composer = new HandoffEmailComposer(services.GetRequiredService<FlowScripts>(), services.GetRequiredService<InterviewTextLine.Core.Languages.LanguageRegistry>(), services.GetRequiredService<IOptions<ProgramOptions>>(), options);
        return new HandoffDispatcher(
            harness.Store,
            harness.Store,
            composer,
            Sender,
            services.GetRequiredService<NumberProtector>(),
            harness.Time,
            options,
            services.GetRequiredService<TextLineMetrics>(),
            services.GetRequiredService<ILogger<HandoffDispatcher>>());
    }

    public LineHarness Harness { get; }

    public FakeEmailSender Sender { get; } = new();

    public HandoffDispatcher Dispatcher { get; private set; }

    public FakeLogCollector Logs => Harness.Services.GetRequiredService<FakeLogCollector>();

    /// <param name="settings">Settings over <see cref="On"/> (a null value removes one).</param>
    public static HandoffLine Create(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var merged = new Dictionary<string, string?>(On);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        return new HandoffLine(LineHarness.Create(
            merged,
            services => services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging())));
    }

    public Task<string?> Text(string body, string from = LineHarness.Texter) => Harness.Text(body, from);

    public Task<HandoffSweepResult> SendAsync() => Dispatcher.RunAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => Harness.DisposeAsync();
}
