using InterviewTextLine.Core.Understanding;

namespace InterviewTextLine.Understanding;

/// <summary>
/// The labelled texts that ship with the line: the training split, whose examples the model matches
/// against, and the evaluation split, which is only ever scored, never matched against or tuned on.
/// </summary>
public static class Corpus
{
    public const string TrainName = "en.train.jsonl";
    public const string EvaluationName = "en.eval.jsonl";
    internal const string VectorsName = "en.train.vectors";

    public static IReadOnlyList<LabelledText> Train() => Read(TrainName);

    public static IReadOnlyList<LabelledText> Evaluation() => Read(EvaluationName);

    /// <summary>A corpus file in the same format, for <c>textline eval --corpus</c>.</summary>
    public static IReadOnlyList<LabelledText> ReadFile(string path)
    {
        using var reader = File.OpenText(path);
        return LabelledText.ReadJsonLines(reader);
    }

    internal static Stream? Open(string name) =>
        typeof(Corpus).Assembly.GetManifestResourceStream("InterviewTextLine.Understanding.Corpus." + name);

    private static IReadOnlyList<LabelledText> Read(string name)
    {
        using var stream = Open(name) ?? throw new InvalidOperationException($"The corpus '{name}' is not embedded.");
        using var reader = new StreamReader(stream);
        return LabelledText.ReadJsonLines(reader);
    }
}
