namespace InterviewTextLine.Core.Understanding;

/// <summary>
/// The thresholds that turn the sentence model's scores (cosine similarities, -1 to 1) into a meaning.
/// The defaults were chosen on the training split; <c>textline eval --tune</c> searches them there (each
/// text scored without its own example). The evaluation split is never used to choose them.
/// </summary>
public sealed record UnderstandingSettings
{
    public static UnderstandingSettings Default { get; } = new();

    /// <summary>
    /// The thresholds for Spanish, chosen on the Spanish training split. The sentence model learned
    /// English, so in Spanish the spelling similarity carries more of the weight.
    /// </summary>
    public static UnderstandingSettings Spanish { get; } = new()
    {
        Accept = 0.7,
        ReplyAccept = 0.4,
        ClearLead = 0.12,
        ClarifyFloor = 0.37,
        ReplyPrior = 0.08,
        CueWeight = 0.06,
        CueReach = 0.12,
        UrgentNear = 0.06,
        Neighbours = 1,
        Meaning = 0.5,
        Spelling = 0.75,
    };

    /// <summary>The thresholds for a language: its own where it has them, the default otherwise.</summary>
    public static UnderstandingSettings For(string language) => language == "es" ? Spanish : Default;

    /// <summary>The model's best label is taken when its score reaches this...</summary>
    public double Accept { get; init; } = 0.62;

    /// <summary>Inside a situation, a reply or a command is taken at this score (after <see cref="ReplyPrior"/>)...</summary>
    public double ReplyAccept { get; init; } = 0.35;

    /// <summary>...and when it leads the next reply, command or "nothing" by this much.</summary>
    public double Margin { get; init; }

    /// <summary>Below <see cref="Accept"/>, a first-text situation this far ahead of the next is still taken.</summary>
    public double ClearLead { get; init; } = 0.05;

    /// <summary>Below <see cref="Accept"/> but above this, two likely situations get a question back.</summary>
    public double ClarifyFloor { get; init; } = 0.41;

    /// <summary>What the current state's own replies add: the texter is likelier answering than changing the subject.</summary>
    public double ReplyPrior { get; init; } = 0.12;

    /// <summary>What moving from the texter's situation to another one costs.</summary>
    public double SwitchCost { get; init; }

    /// <summary>What each matching cue (two at most) adds to its situation's score.</summary>
    public double CueWeight { get; init; }

    /// <summary>
    /// How far behind the best a situation the text names by a cue may score and still count as present
    /// in a mixed text (danger named by a cue always counts).
    /// </summary>
    public double CueReach { get; init; } = 0.08;

    /// <summary>How close to the best a situation must score to count as present in a mixed text.</summary>
    public double Near { get; init; }

    /// <summary>
    /// Danger scoring this close to the best situation wins: leaving when it was not needed costs less than
    /// staying. Negative: the model alone must put danger ahead of the rest by that much (its cues win anyway).
    /// </summary>
    public double UrgentNear { get; init; } = 0.02;

    /// <summary>How many of a label's closest examples its score averages.</summary>
    public int Neighbours { get; init; } = 4;

    /// <summary>How much the sentence model's similarity counts (it learned English: less in other languages).</summary>
    public double Meaning { get; init; } = 1.0;

    /// <summary>What share of the spelling similarity (<see cref="CharacterGrams"/>) adds to the sentence model's.</summary>
    public double Spelling { get; init; } = 0.35;
}
