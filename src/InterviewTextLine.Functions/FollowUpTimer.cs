using InterviewTextLine.Core.Diagnostics;
using InterviewTextLine.Core.FollowUps;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.Functions;

/// <summary>Runs the follow-up sweep on <c>FollowUp:Schedule</c>.</summary>
public sealed partial class FollowUpTimer(IFollowUpProcessor processor, TextLineMetrics metrics, ILogger<FollowUpTimer> logger)
{
    [Function(nameof(FollowUpTimer))]
    public async Task RunAsync([TimerTrigger("%FollowUp:Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        // Counted before the sweep, so the "sweep has not run" alert means the timer itself stopped.
        metrics.SweepRun();
        if (timer.IsPastDue)
        {
            LogPastDue(logger);
        }

        var result = await processor.RunAsync(cancellationToken);
        if (result.StoppedEarly)
        {
            LogStoppedEarly(logger, result.Sent.Count);
        }
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Follow-up timer is running late")]
    private static partial void LogPastDue(ILogger logger);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "Follow-up sweep used its whole budget after {Sent} emails; the next run continues")]
    private static partial void LogStoppedEarly(ILogger logger, int sent);
}
