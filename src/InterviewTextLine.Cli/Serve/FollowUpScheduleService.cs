using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Diagnostics;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Hosting;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Cli.Serve;

/// <summary>
/// <c>textline serve</c>'s stand-in for the Functions timer: runs the follow-up sweep on
/// <see cref="FollowUpOptions.Schedule"/>. The Functions app never registers it.
/// </summary>
internal sealed partial class FollowUpScheduleService(
    IServiceScopeFactory scopes,
    IOptions<FollowUpOptions> options,
    TimeProvider time,
    TextLineMetrics metrics,
    ILogger<FollowUpScheduleService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = FollowUpScheduleValidator.TryParse(options.Value.Schedule)
            ?? throw new InvalidOperationException($"{FollowUpScheduleValidator.SettingName} is not a valid schedule.");
        var last = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            // Counting from the last occurrence as well as from now keeps a timer that fires a little early
            // from running the same occurrence twice.
            var now = time.GetUtcNow();
            var from = now > last ? now : last;
            var next = new DateTimeOffset(DateTime.SpecifyKind(schedule.GetNextOccurrence(from.UtcDateTime), DateTimeKind.Utc));
            var wait = next - now;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stoppingToken);
            }

            last = next;
            await RunOnceAsync(stoppingToken);
        }
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        metrics.SweepRun();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var processor = scope.ServiceProvider.GetRequiredService<IFollowUpProcessor>();
            var result = await processor.RunAsync(stoppingToken);
            LogSweep(logger, result.Sent.Count, result.Retried, result.Failed, result.Skipped, result.StoppedEarly);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            // One failed sweep must not end the schedule; the next occurrence tries again.
            LogSweepFailed(logger, exception);
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Follow-up sweep: {Sent} sent, {Retried} to retry, {Failed} failed, {Skipped} skipped, stopped early: {StoppedEarly}")]
    private static partial void LogSweep(ILogger logger, int sent, int retried, int failed, int skipped, bool stoppedEarly);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Follow-up sweep failed; the next scheduled run tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
