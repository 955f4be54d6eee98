using System.Collections.Concurrent;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Languages;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.Understanding.Classification;
using InterviewTextLine.Understanding.Languages;
using InterviewTextLine.Understanding.Rules;

namespace InterviewTextLine.Understanding;

/// <summary>
/// The understanding of every language the line speaks: one <see cref="Understander"/> per script, over the model the
/// app ships for its language (or, for a language it ships none for, its script alone), and the detector that tells
/// the languages apart.
/// </summary>
public sealed class TextUnderstanding : ITextUnderstanding
{
    private readonly ISentenceEmbedder _embedder;
    private readonly LanguageRegistry _languages;
    private readonly ConcurrentDictionary<(FlowScript Script, KeywordTable Keywords), Lazy<Understander>> _understanders = new();
    private readonly Lazy<LanguageDetector> _detector;

    // The detector and each language's understander read the same words; the file is parsed once per script.
    // A language's model does not depend on its script's wording, so every script version of a language (a published
    // one replaces the scripts, not the models) shares one loaded classifier instead of loading another copy.
    private readonly ConcurrentDictionary<string, Lazy<TrainedClassifier>> _classifiers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<FlowScript, IReadOnlyDictionary<string, int>> _evidence = new();

    public TextUnderstanding(ISentenceEmbedder embedder, FlowScripts scripts, LanguageRegistry languages)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(languages);
        _embedder = embedder;
        _languages = languages;
        _detector = new Lazy<LanguageDetector>(() => new LanguageDetector(scripts.All.ToDictionary(script => script.Language, Evidence, StringComparer.Ordinal)));
    }

    public ILanguageDetector Detector => _detector.Value;

    public ITextUnderstander Understander(FlowScript script, KeywordTable keywords)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(keywords);
        return _understanders.GetOrAdd((script, keywords), key => new Lazy<Understander>(() => Create(key.Script, key.Keywords))).Value;
    }

    /// <summary>The understander of <paramref name="script"/> over the shipped model of its language, or its script alone.</summary>
    public Understander Create(FlowScript script, KeywordTable keywords)
    {
        ArgumentNullException.ThrowIfNull(script);
        var words = Evidence(script).Keys;
        var mender = Mender(script, words);
        if (!ShippedModels.Has(script.Language))
        {
            return new Understander(script, keywords, AbstainingClassifier.Instance, AbstainingClassifier.Policy, mender);
        }

        var classifier = _classifiers.GetOrAdd(script.Language, language => new Lazy<TrainedClassifier>(() => Load(language, words))).Value;
        return new Understander(script, keywords, classifier, ShippedModels.Policy(script.Language), mender);
    }

    private TrainedClassifier Load(string language, IEnumerable<string> words)
    {
        TrainedClassifier classifier;
        using (var model = ShippedModels.Model(language))
        {
            classifier = new TrainedClassifier(model, _embedder, words);
        }

        ShippedModels.ReleaseModel(language);
        return classifier;
    }

    /// <summary>
    /// How <paramref name="script"/>'s language reads a text before the rules and the model: typos mended towards the
    /// line's own words, then the sentence model's vocabulary, with <paramref name="words"/> (those its texts use)
    /// known too; only in a language the sentence model learned (<see cref="LanguageProfile.SentenceModelLearnedIt"/>).
    /// </summary>
    public TextMender Mender(FlowScript script, IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(script);
        var speller = _languages.Find(script.Language) is { SentenceModelLearnedIt: true }
            ? new SpellingCorrector(TextRules.LineWords(script), _embedder.Vocabulary, words, script.Words.Endings)
            : null;
        return new TextMender(script.Language, speller);
    }

    /// <summary>
    /// The words of <paramref name="script"/>'s language with how many texts use each, the detector's evidence: those
    /// its model was trained on, or, without a model, those of its script.
    /// </summary>
    private IReadOnlyDictionary<string, int> Evidence(FlowScript script) => _evidence.GetOrAdd(script, ReadEvidence);

    private static IReadOnlyDictionary<string, int> ReadEvidence(FlowScript script) =>
        ShippedModels.Has(script.Language)
            ? ShippedModels.Words(script.Language)
            : TextRules.LineWords(script).ToDictionary(word => word, _ => 1, StringComparer.Ordinal);
}
