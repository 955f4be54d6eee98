namespace InterviewTextLine.Core.FollowUps;

/// <summary>What happened to one index entry in a sweep.</summary>
internal enum OutcomeKind
{
    Sent,
    Retried,
    Failed,
    Skipped,
}

/// <summary>One entry's outcome; <paramref name="Destination"/> is where a sent email went.</summary>
internal readonly record struct Outcome(OutcomeKind Kind, string? Destination)
{
    public static Outcome Retried => new(OutcomeKind.Retried, null);

    public static Outcome Failed => new(OutcomeKind.Failed, null);

    public static Outcome Skipped => new(OutcomeKind.Skipped, null);

    public static Outcome SentTo(string destination) => new(OutcomeKind.Sent, destination);
}

/// <summary>The running count of one sweep, shared by its concurrent sends, and the pause a 429 asks for.</summary>
internal sealed class SweepTally
{
    private readonly Lock _gate = new();
    private readonly List<string> _sent = [];
    private int _retried;
    private int _failed;
    private int _skipped;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public void Add(Outcome outcome)
    {
        lock (_gate)
        {
            switch (outcome.Kind)
            {
                case OutcomeKind.Sent:
                    _sent.Add(outcome.Destination!);
                    break;
                case OutcomeKind.Retried:
                    _retried++;
                    break;
                case OutcomeKind.Failed:
                    _failed++;
                    break;
                default:
                    _skipped++;
                    break;
            }
        }
    }

    /// <summary>After a 429 the rest of the sweep would only collect more 429s.</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_gate)
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    public bool IsPaused(DateTimeOffset now)
    {
        lock (_gate)
        {
            return _pausedUntil > now;
        }
    }

    public FollowUpSweepResult ToResult(bool stoppedEarly)
    {
        lock (_gate)
        {
            return new FollowUpSweepResult(_sent.ToList(), _retried, _failed, _skipped, stoppedEarly);
        }
    }
}
