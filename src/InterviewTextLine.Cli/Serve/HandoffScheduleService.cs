using InterviewTextLine.Core.Handoffs;
using InterviewTextLine.Hosting;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Cli.Serve;

/// <summary>
/// <c>textline serve</c>'s stand-in for the handoff timer: emails consented call-back requests (to the local outbox
/// folder unless SendGrid is configured) on <see cref="HandoffOptions.Schedule"/>. With no inbox
/// (<see cref="HandoffOptions.IsEnabled"/> false) there is nothing to send, and it does not poll an empty outbox. The
/// Functions app never registers it.
/// </summary>
internal sealed partial class HandoffScheduleService(
    IServiceScopeFactory scopes,
    IOptions<HandoffOptions> options,
    TimeProvider time,
    ILogger<HandoffScheduleService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsEnabled)
        {
            return;
        }

        var schedule = FollowUpScheduleValidator.TryParse(options.Value.Schedule)
            ?? throw new InvalidOperationException($"{HandoffScheduleValidator.SettingName} is not a valid schedule.");
        var last = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            // As the follow-up schedule: from the later of now and the last occurrence, so no occurrence runs twice.
            var now = time.GetUtcNow();
            var from = now > last ? now : last;
            var next = new DateTimeOffset(DateTime.SpecifyKind(schedule.GetNextOccurrence(from.UtcDateTime), DateTimeKind.Utc));
            if (next - now > MaxWait)
            {
                // Task.Delay takes at most about 49 days; a rare schedule waits a day at a time.
                await Task.Delay(MaxWait, time, stoppingToken);
                continue;
            }

            if (next - now > TimeSpan.Zero)
            {
                await Task.Delay(next - now, time, stoppingToken);
            }

            last = next;
            await RunOnceAsync(stoppingToken);
        }
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<IHandoffDispatcher>().RunAsync(stoppingToken);
            foreach (var destination in result.Sent)
            {
                LogWritten(logger, destination);
            }
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            // One failed run must not end the schedule; the outbox keeps the request for the next.
            LogRunFailed(logger, exception);
        }
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Handoff email sent: {Destination}")]
    private static partial void LogWritten(ILogger logger, string destination);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Error, Message = "Handoff run failed; the next scheduled run tries again")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
