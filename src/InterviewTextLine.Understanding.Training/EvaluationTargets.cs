namespace InterviewTextLine.Understanding.Training;

/// <summary>What the line must reach on texts it was neither trained nor tuned on, per language.</summary>
/// <param name="FirstTextAccuracy">First texts understood as labelled.</param>
/// <param name="WrongSituationRate">At most this share of first texts may get another situation's advice.</param>
/// <param name="InFlowAccuracy">In-flow replies understood.</param>
/// <param name="SafetyPrecision">Of the texts given the safety advice, at least this share must be about danger. Recall must be complete.</param>
public sealed record EvaluationTargets(double FirstTextAccuracy, double WrongSituationRate, double InFlowAccuracy, double SafetyPrecision)
{
    public static EvaluationTargets English { get; } = new(0.95, 0.015, 0.97, 0.95);

    /// <summary>Spanish: its corpus is smaller, and the sentence model learned English, so its letters carry it.</summary>
    public static EvaluationTargets Spanish { get; } = new(0.92, 0.02, 0.97, 0.95);

    public static EvaluationTargets For(string language) => language == "es" ? Spanish : English;

    /// <summary>
    /// What the shipped English models reach on the evaluation split, less a margin: the floor a change may not go
    /// below (<c>CorpusTests</c> holds it), on the way to <see cref="English"/>. First texts understood, danger precision
    /// and the in-flow replies are at their targets already.
    /// </summary>
    public static EvaluationTargets EnglishFloor { get; } = new(0.95, 0.025, 0.97, 0.97) { SafetyMissesAllowed = 1, CalmToldToLeaveAllowed = 2 };

    /// <summary>The floor of the Spanish models (see <see cref="EnglishFloor"/>).</summary>
    public static EvaluationTargets SpanishFloor { get; } = new(0.90, 0.03, 0.95, 0.88) { SafetyMissesAllowed = 1, CalmToldToLeaveAllowed = 1 };

    public static EvaluationTargets FloorFor(string language) => language == "es" ? SpanishFloor : EnglishFloor;

    /// <summary>Danger texts that may go without the safety advice first: none, in a target.</summary>
    public int SafetyMissesAllowed { get; init; }

    /// <summary>Nervous or neutral texters who may be told to leave: none, in a target.</summary>
    public int CalmToldToLeaveAllowed { get; init; }

    /// <summary>Every target <paramref name="report"/> misses, in words; empty when it meets them all.</summary>
    public IReadOnlyList<string> Missed(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var missed = new List<string>();
        if (report.FirstTextAccuracy < FirstTextAccuracy)
        {
            missed.Add(FormattableString.Invariant($"first texts right {report.FirstTextAccuracy:P1} < {FirstTextAccuracy:P1}"));
        }

        if (report.WrongSituationRate > WrongSituationRate)
        {
            missed.Add(FormattableString.Invariant($"wrong situation {report.WrongSituationRate:P1} > {WrongSituationRate:P1}"));
        }

        if (report.InFlowAccuracy < InFlowAccuracy)
        {
            missed.Add(FormattableString.Invariant($"in-flow {report.InFlowAccuracy:P1} < {InFlowAccuracy:P1}"));
        }

        if (report.SafetyFirstCount < report.Safety.Count() - SafetyMissesAllowed)
        {
            missed.Add($"safety advice first for {report.SafetyFirstCount} of {report.Safety.Count()} danger texts");
        }

        if (report.SafetyPrecision < SafetyPrecision)
        {
            missed.Add(FormattableString.Invariant($"safety precision {report.SafetyPrecision:P1} < {SafetyPrecision:P1}"));
        }

        if (report.CalmToldToLeave.Count() > CalmToldToLeaveAllowed)
        {
            missed.Add($"{report.CalmToldToLeave.Count()} nervous or neutral texts told to leave");
        }

        return missed;
    }
}
