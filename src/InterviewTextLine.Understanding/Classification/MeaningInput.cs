using Microsoft.ML.Data;

namespace InterviewTextLine.Understanding.Classification;

/// <summary>
/// What the trained classifier reads of one text: the folded text (for its word and letter n-grams), the
/// state it was sent in, and the sentence model's vector. Training and serving share it, so the shipped model reads exactly the
/// columns it was trained on.
/// </summary>
public sealed class MeaningInput
{
    /// <summary>The width of <see cref="Meaning"/>: all-MiniLM-L6-v2's vectors.</summary>
    public const int Dimensions = 384;

    /// <summary>The text, folded (lower case, accents off).</summary>
    public string Text { get; set; } = "";

    /// <summary>
    /// The state the texter is in (the script's start state for a first text): the same words mean different things
    /// in different states ("leaving" is the reply LEAVE after an off-limits question, but "not for me" as a first text).
    /// </summary>
    public string State { get; set; } = "";

    /// <summary>The unit-length sentence vector of <see cref="Text"/>.</summary>
    [VectorType(Dimensions)]
    public float[] Meaning { get; set; } = [];

    /// <summary>The label (training only; empty when serving).</summary>
    public string Label { get; set; } = "";
}

/// <summary>The classifier's answer: a probability per label, in the order of the model's labels.</summary>
public sealed class MeaningOutput
{
    public float[] Score { get; set; } = [];
}
