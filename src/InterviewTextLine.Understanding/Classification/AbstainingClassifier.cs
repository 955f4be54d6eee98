namespace InterviewTextLine.Understanding.Classification;

/// <summary>
/// The classifier of a language the app ships no trained model for: it knows no label, so it is never sure of
/// anything. Such a language is understood by its script alone (the state's replies, the menu numbers, the
/// keywords, the sure danger phrases and the global commands), and everything else gets the state's question again.
/// </summary>
internal sealed class AbstainingClassifier : IMeaningClassifier
{
    public static AbstainingClassifier Instance { get; } = new();

    /// <summary>Thresholds that are never met (the classifier offers nothing to meet them), valid as a policy must be.</summary>
    public static DecisionPolicy Policy { get; } = new(1, 1, 1, 1);

    private static readonly LabelProbabilities None = new([], []);

    public LabelProbabilities Classify(string text, string state) => None;

    public LabelProbabilities ClassifyClause(string clause, string whole, string state) => None;
}
