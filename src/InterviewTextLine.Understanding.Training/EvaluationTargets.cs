using System.Text.Json;

namespace InterviewTextLine.Understanding.Training;

/// <summary>
/// What the line must reach on texts it was neither trained nor tuned on, per language: read from the language's
/// <c>Corpus/{code}.targets.json</c>, beside its corpus. Each file holds the target and the floor: what the shipped
/// models reach on the evaluation split less a margin, which a change may not go below (<c>CorpusTests</c> holds it)
/// on the way to the target. A smaller corpus, or a language the sentence model did not learn, has lower ones.
/// </summary>
/// <param name="FirstTextAccuracy">First texts understood as labelled.</param>
/// <param name="WrongSituationRate">At most this share of first texts may get another situation's advice.</param>
/// <param name="InFlowAccuracy">In-flow replies understood.</param>
/// <param name="SafetyPrecision">Of the texts given the safety advice, at least this share must be about danger. Recall must be complete.</param>
public sealed record EvaluationTargets(double FirstTextAccuracy, double WrongSituationRate, double InFlowAccuracy, double SafetyPrecision)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The target of <paramref name="language"/>.</summary>
    public static EvaluationTargets For(string language) => Read(language).Target;

    /// <summary>The floor of <paramref name="language"/>'s shipped models.</summary>
    public static EvaluationTargets FloorFor(string language) => Read(language).Floor;

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

    private static TargetsFile Read(string language)
    {
        using var stream = Corpus.OpenFile(Corpus.TargetsName(language));
        return JsonSerializer.Deserialize<TargetsFile>(stream, Json)
            ?? throw new InvalidDataException($"The targets of '{language}' are empty.");
    }

    private sealed record TargetsFile(EvaluationTargets Target, EvaluationTargets Floor);
}
