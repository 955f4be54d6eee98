using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.Understanding.Training;

/// <summary>
/// The labelled texts of each language, written by separate writers: the training split, which the classifier
/// learns from and its thresholds are chosen on, and the evaluation split, which is only ever scored. Files are
/// named by language: <c>en.train.jsonl</c>, <c>es.eval.jsonl</c>.
/// </summary>
public static class Corpus
{
    /// <summary>The languages that ship with the app and have a corpus, the line's default first.</summary>
    public static IReadOnlyList<string> Languages { get; } =
        [.. FlowLoader.Languages.Where(language => typeof(Corpus).Assembly.GetManifestResourceInfo(Prefix + TrainName(language)) is not null)];

    public static string TrainName(string language) => language + ".train.jsonl";

    /// <summary>The language's evaluation targets and floor (<see cref="EvaluationTargets"/>).</summary>
    public static string TargetsName(string language) => language + ".targets.json";

    public static string EvaluationName(string language) => language + ".eval.jsonl";

    public static IReadOnlyList<LabelledText> Train(string language) => Read(TrainName(language));

    public static IReadOnlyList<LabelledText> Evaluation(string language) => Read(EvaluationName(language));

    /// <summary>The bytes of a shipped split, for the fingerprint of what the models were trained from.</summary>
    public static byte[] Bytes(string name)
    {
        using var stream = Open(name);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>A corpus file in the same format, for <c>textline eval --corpus</c>.</summary>
    public static IReadOnlyList<LabelledText> ReadFile(string path)
    {
        using var reader = File.OpenText(path);
        return LabelledText.ReadJsonLines(reader);
    }

    /// <summary>
    /// The script's own phrases as labelled texts: each reply's synonyms, each command's phrases, each situation's
    /// keywords and the sure danger phrases. They teach the classifier the words the line itself offers.
    /// </summary>
    /// <param name="script">The script.</param>
    /// <param name="keywords">The line's keywords: a reply that is one never reaches the model, so it is not taught.</param>
    public static IReadOnlyList<LabelledText> ScriptPhrases(FlowScript script, KeywordTable keywords)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(keywords);
        var phrases = new List<LabelledText>();
        foreach (var state in script.States)
        {
            phrases.AddRange(state.Options.SelectMany(option => option.Phrases.Where(phrase => !keywords.IsGlobal(TextMatcher.Normalize(phrase))).Select(phrase => new LabelledText(phrase, state.Id, option.Reply))));
        }

        phrases.AddRange(script.CommandPhrases.SelectMany(pair => pair.Value.Select(phrase => new LabelledText(phrase, LabelledText.FirstText, pair.Key))));
        phrases.AddRange(script.Situations.SelectMany(pair => pair.Value.Keywords.Select(keyword => new LabelledText(keyword, LabelledText.FirstText, pair.Key))));
        phrases.AddRange(script.Cues.SelectMany(cue => cue.Phrases.Select(phrase => new LabelledText(phrase.Replace("*", "", StringComparison.Ordinal), LabelledText.FirstText, cue.Situation))));
        return [.. phrases.DistinctBy(phrase => (TextMatcher.Normalize(phrase.Text), phrase.Expect))];
    }

    private const string Prefix = "InterviewTextLine.Understanding.Training.Corpus.";

    /// <summary>A file of the corpus folder, as embedded.</summary>
    internal static Stream OpenFile(string name) => Open(name);

    private static Stream Open(string name) =>
        typeof(Corpus).Assembly.GetManifestResourceStream(Prefix + name)
        ?? throw new InvalidOperationException($"The corpus '{name}' is not embedded.");

    private static IReadOnlyList<LabelledText> Read(string name)
    {
        using var reader = new StreamReader(Open(name));
        return LabelledText.ReadJsonLines(reader);
    }
}
