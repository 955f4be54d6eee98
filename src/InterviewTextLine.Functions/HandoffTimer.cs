using InterviewTextLine.Core.Handoffs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.Functions;

/// <summary>
/// Emails the consented call-back requests in the outbox on <c>Handoff:Schedule</c> (every 30 seconds by default, so a
/// request reaches the office within a minute). A timer over the outbox rather than a queue: the outbox row is the one
/// record of the request, so nothing can be enqueued and lost apart from it, and no queue, role or poison queue is
/// needed; the webhook never waits on the email provider.
/// </summary>
public sealed partial class HandoffTimer(IHandoffDispatcher dispatcher, ILogger<HandoffTimer> logger)
{
    [Function(nameof(HandoffTimer))]
    public async Task RunAsync([TimerTrigger("%Handoff:Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.IsPastDue)
        {
            LogPastDue(logger);
        }

        await dispatcher.RunAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 2501, Level = LogLevel.Warning, Message = "Handoff timer is running late")]
    private static partial void LogPastDue(ILogger logger);
}
