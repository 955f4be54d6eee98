using InterviewTextLine.Core.Retention;
using Microsoft.Azure.Functions.Worker;

namespace InterviewTextLine.Functions;

/// <summary>Deletes idle conversations on <c>Privacy:RetentionSchedule</c>.</summary>
public sealed class RetentionTimer(IRetentionSweeper sweeper)
{
    [Function(nameof(RetentionTimer))]
    public async Task RunAsync([TimerTrigger("%Privacy:RetentionSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await sweeper.RunAsync(cancellationToken);
    }
}
