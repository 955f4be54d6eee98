using Microsoft.Extensions.Time.Testing;

namespace InterviewTextLine.TestKit.Waiting;

/// <summary>
/// A fake clock that knows when each timer armed on it is due, so a test moves time only once something waits on it,
/// and only as far as the next thing it waits for: a schedule between two runs (its next wait not armed yet) is never
/// skipped by a move that came too early.
/// </summary>
public sealed class TimerWatchingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private readonly List<DateTimeOffset> _due = [];
    private TaskCompletionSource _armed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            // Read after the timer exists: a move in between makes this later than the timer's own due time, never
            // earlier, so the timer still fires on the way there.
            var due = GetUtcNow() + dueTime;
            lock (_gate)
            {
                _due.Add(due);
                _armed.TrySetResult();
                _armed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return timer;
    }

    /// <summary>The earliest instant after now that a timer is due, waiting for one to be armed when none is.</summary>
    public async Task<DateTimeOffset> NextTimerAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task armed;
            lock (_gate)
            {
                var now = GetUtcNow();
                _due.RemoveAll(due => due <= now);
                if (_due.Count > 0)
                {
                    return _due.Min();
                }

                armed = _armed.Task;
            }

            await armed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Moves the clock to the next instant a timer is due (see <see cref="NextTimerAsync"/>), firing it.</summary>
    public async Task AdvanceToNextTimerAsync(CancellationToken cancellationToken) =>
        SetUtcNow(await NextTimerAsync(cancellationToken));
}
