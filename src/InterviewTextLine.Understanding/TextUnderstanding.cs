using System.Collections.Concurrent;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.Understanding.Classification;
using InterviewTextLine.Understanding.Languages;
using InterviewTextLine.Understanding.Rules;

namespace InterviewTextLine.Understanding;

/// <summary>
/// The understanding of every language the line speaks, from the models the app ships: one
/// <see cref="Understander"/> per script, and the detector that tells their languages apart.
/// </summary>
public sealed class TextUnderstanding : ITextUnderstanding
{
    /// <summary>
    /// The language the sentence model (all-MiniLM-L6-v2) learned: only there does its vocabulary tell a typo from
    /// a word the line has never seen. In another language "parado" would be "mended" into the line's "pagado";
    /// there the classifier's letter n-grams forgive typos instead.
    /// </summary>
    private const string EmbedderLanguage = "en";

    private readonly ISentenceEmbedder _embedder;
    private readonly ConcurrentDictionary<FlowScript, Lazy<Understander>> _understanders = new();
    private readonly Lazy<LanguageDetector> _detector;

    public TextUnderstanding(ISentenceEmbedder embedder, FlowScripts scripts)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(scripts);
        _embedder = embedder;
        _detector = new Lazy<LanguageDetector>(() => new LanguageDetector(scripts.All.ToDictionary(script => script.Language, script => ShippedModels.Words(script.Language), StringComparer.Ordinal)));
    }

    public ILanguageDetector Detector => _detector.Value;

    public ITextUnderstander Understander(FlowScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        return _understanders.GetOrAdd(script, key => new Lazy<Understander>(() => Create(key))).Value;
    }

    /// <summary>The understander of <paramref name="script"/> over the shipped model of its language.</summary>
    public Understander Create(FlowScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var words = ShippedModels.Words(script.Language).Keys;
        var mender = Mender(script, words);
        TrainedClassifier classifier;
        using (var model = ShippedModels.Model(script.Language))
        {
            classifier = new TrainedClassifier(model, _embedder, words);
        }

        ShippedModels.ReleaseModel(script.Language);
        return new Understander(script, classifier, ShippedModels.Policy(script.Language), mender);
    }

    /// <summary>
    /// How <paramref name="script"/>'s language reads a text before the rules and the model: typos mended towards the
    /// line's own words, then the sentence model's vocabulary, with <paramref name="words"/> (those its texts use)
    /// known too.
    /// </summary>
    public TextMender Mender(FlowScript script, IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(script);
        var speller = script.Language == EmbedderLanguage
            ? new SpellingCorrector(TextRules.LineWords(script), _embedder.Vocabulary, words)
            : null;
        return new TextMender(script.Language, speller);
    }
}
