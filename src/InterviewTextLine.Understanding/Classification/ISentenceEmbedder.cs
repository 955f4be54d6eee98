namespace InterviewTextLine.Understanding.Classification;

/// <summary>
/// A sentence model: turns a short text into a vector whose direction carries its meaning, so that
/// "he put his hand on my knee" lands near "he touched my leg" without a word in common.
/// </summary>
/// <remarks>
/// The port keeps the conversation core free of any model runtime; a host adds the real model.
/// Texts are embedded in process: nothing leaves the machine, nothing is stored or logged.
/// </remarks>
public interface ISentenceEmbedder
{
    /// <summary>The length of every vector this model returns.</summary>
    int Dimensions { get; }

    /// <summary>
    /// Whole words the model's vocabulary knows, commonest first where the model orders them; the
    /// spelling corrector leaves these alone and mends typos towards them.
    /// </summary>
    IReadOnlyList<string> Vocabulary { get; }

    /// <summary>The unit-length vector of <paramref name="text"/>.</summary>
    float[] Embed(string text);
}
