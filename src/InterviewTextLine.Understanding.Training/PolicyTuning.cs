namespace InterviewTextLine.Understanding.Training;

/// <summary>
/// Chooses the decision policy's four thresholds on the out-of-fold probabilities of the training split: one
/// threshold at a time over a grid, three times round, keeping what scores best (<see cref="Score"/>).
/// </summary>
public static class PolicyTuning
{
    /// <summary>The grid each threshold is searched over.</summary>
    private static readonly double[] Grid = [.. Enumerable.Range(1, 18).Select(step => step * 0.05)];

    /// <summary>The policy the search starts from.</summary>
    public static DecisionPolicy Start { get; } = new(Act: 0.6, Safety: 0.3, Present: 0.25, Reply: 0.6);

    /// <param name="score">Scores the line with a policy (through the engine, on the out-of-fold probabilities).</param>
    /// <param name="progress">Told each improvement.</param>
    public static (DecisionPolicy Policy, double Score) Run(Func<DecisionPolicy, EvaluationReport> score, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(score);
        var best = Start;
        var bestScore = Score(score(best));
        (string Name, Func<DecisionPolicy, double, DecisionPolicy> Set)[] thresholds =
        [
            ("safety", (policy, value) => policy with { Safety = value }),
            ("act", (policy, value) => policy with { Act = value }),
            ("present", (policy, value) => policy with { Present = value }),
            ("reply", (policy, value) => policy with { Reply = value }),
        ];
        for (var round = 1; round <= 3; round++)
        {
            var improved = false;
            foreach (var (name, set) in thresholds)
            {
                foreach (var value in Grid)
                {
                    var candidate = set(best, value);
                    if (!candidate.IsValid || candidate == best)
                    {
                        continue;
                    }

                    var candidateScore = Score(score(candidate));
                    if (candidateScore > bestScore + 1e-9)
                    {
                        (best, bestScore, improved) = (candidate, candidateScore, true);
                        progress?.Invoke(FormattableString.Invariant($"round {round}: {name} = {value:0.00} scores {candidateScore:0.0000}"));
                    }
                }
            }

            if (!improved)
            {
                break;
            }
        }

        return (best, bestScore);
    }

    /// <summary>
    /// What a policy is worth, per text scored: texts understood, less three for each text given another situation's
    /// advice (about what acting on a 75% reading risks) and a quarter for each question back; a danger text without
    /// the safety advice costs twenty, and a calm texter told to leave ten. Every term is a rate, so no single text rules a
    /// policy out and the search can always find the better of two.
    /// </summary>
    public static double Score(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var all = report.Results.Count;
        if (all == 0)
        {
            return 0;
        }

        var missedDanger = report.Safety.Count() - report.SafetyFirstCount;
        var right = report.Results.Count(r => r.IsRight);
        var wrong = report.Results.Count(r => r.IsWrongAdvice);
        var asked = report.Results.Count(r => r.Actual == Core.Understanding.Labels.Clarify);
        return (right - (WrongAdvice * wrong) - (0.25 * asked) - (MissedDanger * missedDanger) - (CalmToldToLeave * report.CalmToldToLeave.Count())) / all;
    }

    /// <summary>What one text given another situation's advice costs, in texts understood.</summary>
    public const double WrongAdvice = 3;

    /// <summary>What a danger text without the safety advice first costs: the worst failure the line has.</summary>
    public const double MissedDanger = 20;

    /// <summary>What telling a nervous or neutral texter to leave costs: the failure that loses the line its trust.</summary>
    public const double CalmToldToLeave = 10;
}
