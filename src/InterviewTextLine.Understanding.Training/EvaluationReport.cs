using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;

namespace InterviewTextLine.Understanding.Training;

/// <summary>The scores of a corpus run: what the evaluation report prints and the targets hold.</summary>
public sealed class EvaluationReport(IReadOnlyList<EvaluatedText> results, FlowScript script)
{
    public IReadOnlyList<EvaluatedText> Results { get; } = results;

    public IEnumerable<EvaluatedText> FirstTexts => Results.Where(r => r.Text.IsFirstText);

    public IEnumerable<EvaluatedText> InFlow => Results.Where(r => !r.Text.IsFirstText);

    /// <summary>First texts understood as labelled: the right advice, or the menu for a text that names nothing.</summary>
    public double FirstTextAccuracy => Rate(FirstTexts, r => r.IsRight);

    /// <summary>
    /// First texts given advice for a situation they are not about: the worst outcome. A question back or the
    /// menu is only slow, not wrong.
    /// </summary>
    public double WrongSituationRate => Rate(FirstTexts, r => r.IsWrongAdvice);

    /// <summary>In-flow replies understood as labelled.</summary>
    public double InFlowAccuracy => Rate(InFlow, r => r.IsRight);

    /// <summary>Every text about danger, first or in-flow.</summary>
    public IEnumerable<EvaluatedText> Safety => Results.Where(r => r.Text.Expect == script.Urgent);

    /// <summary>Safety texts whose reply says to leave and names the emergency number in its first screen.</summary>
    public int SafetyFirstCount => Safety.Count(r => r.SafetyFirst);

    /// <summary>Of the texts given the safety advice, the share that were about danger.</summary>
    public double SafetyPrecision => Rate(Results.Where(r => r.Advised == script.Urgent), r => r.Text.Expect == script.Urgent);

    /// <summary>Texts where nothing is wrong (nerves, or nothing at all) that were told to leave: must be none.</summary>
    public IEnumerable<EvaluatedText> CalmToldToLeave => Results.Where(r => IsCalm(r.Text.Expect) && r.SaysLeave);

    /// <summary>First texts answered with a question back.</summary>
    public double QuestionRate => Rate(FirstTexts, r => r.Actual == Labels.Clarify);

    /// <summary>First texts about a situation answered with the menu.</summary>
    public double MenuRate => Rate(FirstTexts.Where(r => IsSituation(r.Text.Expect)), r => r.Actual == Labels.Nothing);

    /// <summary>Texts with two problems (danger aside, which names nothing else) whose reply named the second one too.</summary>
    public (int Named, int Total) SecondProblemsNamed =>
        (TwoProblems.Count(r => r.IsRight && r.Meaning.Second == r.Text.Also), TwoProblems.Count());

    private IEnumerable<EvaluatedText> TwoProblems => Results.Where(r => r.Text.Also is not null && r.Text.Expect != script.Urgent);

    public IEnumerable<EvaluatedText> Misses => Results.Where(r => !r.IsRight);

    public bool IsSituation(string label) => script.Situations.ContainsKey(label);

    private bool IsCalm(string label) => label == Labels.Nothing || (script.Situations.TryGetValue(label, out var situation) && situation.Reassurance);

    /// <summary>Precision and recall of each label among <paramref name="which"/>.</summary>
    public IReadOnlyList<(string Label, int Support, double Precision, double Recall)> PerClass(Func<EvaluatedText, bool> which)
    {
        var chosen = Results.Where(which).ToList();
        return [.. chosen.Select(r => r.Text.Expect).Distinct().Order(StringComparer.Ordinal)
            .Select(label => (
                label,
                chosen.Count(r => r.Text.Expect == label),
                Rate(chosen.Where(r => r.Actual == label), r => r.IsRight),
                Rate(chosen.Where(r => r.Text.Expect == label), r => r.IsRight)))];
    }

    /// <summary>How many texts labelled each expected label were understood as each actual label.</summary>
    public IReadOnlyDictionary<(string Expected, string Actual), int> Confusion(Func<EvaluatedText, bool> which) =>
        Results.Where(which).GroupBy(r => (r.Text.Expect, r.Actual)).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>
    /// The model's stated confidence against how often it was right, in bins of 0.1: a calibrated model is right
    /// about as often as it says. Only the texts the model acted on count (not a question back or the menu).
    /// </summary>
    public IReadOnlyList<(double From, int Count, double Stated, double Right)> Calibration()
    {
        var decided = Results.Where(r => r.Meaning is { ByModel: true, IsUnderstood: true }).ToList();
        return [.. Enumerable.Range(0, 10)
            .Select(bin => (From: bin / 10.0, Texts: decided.Where(r => Math.Min(9, (int)(r.Meaning.Confidence * 10)) == bin).ToList()))
            .Where(bin => bin.Texts.Count > 0)
            .Select(bin => (bin.From, bin.Texts.Count, bin.Texts.Average(r => r.Meaning.Confidence), Rate(bin.Texts, r => r.IsRight)))];
    }

    private static double Rate(IEnumerable<EvaluatedText> results, Func<EvaluatedText, bool> predicate)
    {
        var list = results.ToList();
        return list.Count == 0 ? 1 : (double)list.Count(predicate) / list.Count;
    }
}
