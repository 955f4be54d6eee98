using System.Globalization;

namespace InterviewTextLine.Understanding.Training;

/// <summary>
/// How the classifier is trained. Part of the models' fingerprint: changing any of these makes the shipped
/// models stale until <c>textline train</c> runs again.
/// </summary>
public sealed record TrainingSettings
{
    public static TrainingSettings Default { get; } = new();

    /// <summary>The seed of everything random in training, so the same corpus trains the same model.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>How many folds the cross-validation of the training split uses.</summary>
    public int Folds { get; init; } = 5;

    /// <summary>
    /// The L2 penalty of the logistic regression. No L1: ML.NET's default L1 of 1.0 starves a model with this many
    /// sparse n-gram features of weights.
    /// </summary>
    public float L2 { get; init; } = 0.01f;

    /// <summary>The longest word n-gram.</summary>
    public int WordNgrams { get; init; } = 2;

    /// <summary>The longest letter n-gram (all shorter ones too).</summary>
    public int CharacterNgrams { get; init; } = 5;

    /// <summary>The most word and letter n-grams kept, the commonest first.</summary>
    public int MaxNgrams { get; init; } = 40_000;

    /// <summary>How many texts a word must appear in to count in a language's vocabulary.</summary>
    public int MinWordTexts { get; init; } = 2;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"seed={Seed};folds={Folds};l2={L2:R};words={WordNgrams};chars={CharacterNgrams};max={MaxNgrams};minword={MinWordTexts};features=words+letters+state+sentence;reading=whole+clauses-with-whole-meaning+clauses-when-unsure;embedder=all-MiniLM-L6-v2;policy={PolicyTuning.WrongAdvice:R}/{PolicyTuning.MissedDanger:R}/{PolicyTuning.CalmToldToLeave:R}");
}
