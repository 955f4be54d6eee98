using InterviewTextLine.Core.Understanding;

namespace InterviewTextLine.Understanding;

/// <summary>
/// The labelled texts that ship with the line, per language: the training split, whose examples the
/// model matches against, and the evaluation split, which is only ever scored, never matched against or
/// tuned on. Files are named by language: <c>en.train.jsonl</c>, <c>es.eval.jsonl</c>.
/// </summary>
public static class Corpus
{
    /// <summary>The languages with a corpus, English first.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "es"];

    internal const string VectorsName = "train.vectors";

    public static string TrainName(string language = "en") => language + ".train.jsonl";

    public static string EvaluationName(string language = "en") => language + ".eval.jsonl";

    public static IReadOnlyList<LabelledText> Train(string language = "en") => Read(TrainName(language));

    public static IReadOnlyList<LabelledText> Evaluation(string language = "en") => Read(EvaluationName(language));

    /// <summary>The training split of every language, for the line to match against.</summary>
    public static TrainingExamples TrainingExamples() =>
        new(Languages.ToDictionary(language => language, language => Train(language), StringComparer.Ordinal));

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
