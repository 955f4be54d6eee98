using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Understanding.Classification;
using Microsoft.ML;

namespace InterviewTextLine.Understanding.Training;

/// <summary>
/// Trains one language's understanding from its training split: cross-validates the classifier, chooses the
/// policy's thresholds on the out-of-fold probabilities, then fits the model that ships on every text.
/// </summary>
public sealed class LanguageTrainer(TrainingSettings settings, MiniLmSentenceEmbedder embedder, TextUnderstanding understanding)
{
    /// <summary>Trains <paramref name="engine"/>'s language.</summary>
    /// <param name="engine">The engine of the language, for scoring policies as the line would run them.</param>
    /// <param name="emergencyNumber">The number the safety advice must name.</param>
    /// <param name="progress">Told how far it has got.</param>
    public TrainedLanguage Train(ConversationEngine engine, string emergencyNumber, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var script = engine.Script;
        var language = script.Language;
        var corpus = Corpus.Train(language);
        var phrases = Corpus.ScriptPhrases(script, engine.Keywords);
        var words = LanguageWords.Count(corpus.Select(text => text.Text).Concat(ScriptTexts(script)), settings.MinWordTexts);
        var mender = understanding.Mender(script, words.Keys);
        var trainer = new ModelTrainer(settings);

        progress?.Invoke($"{language}: reading and embedding {corpus.Count} texts and {phrases.Count} script phrases");
        var examples = TrainingExamples.From(corpus, script.Start, embedder, words.Keys);
        var always = TrainingExamples.From(phrases, script.Start, embedder, words.Keys);

        var clauses = TrainingExamples.Clauses(examples, new Rules.TextClauses(script.Connectives));

        progress?.Invoke($"{language}: {settings.Folds}-fold cross-validation");
        var outOfFold = CrossValidation.OutOfFold(trainer, examples, always, clauses, line => progress?.Invoke($"{language}: {line}"));
        var remembered = new RememberedClassifier(outOfFold);
        var now = DateTimeOffset.UnixEpoch.AddYears(56);
        EvaluationReport Score(DecisionPolicy policy) =>
            Evaluation.Run(engine.With(new Understander(script, engine.Keywords, remembered, policy, mender)), corpus, emergencyNumber, now);

        progress?.Invoke($"{language}: choosing the thresholds");
        var (policy, _) = PolicyTuning.Run(Score, line => progress?.Invoke($"{language}: {line}"));
        var crossValidated = Score(policy);

        progress?.Invoke($"{language}: fitting the model on all {examples.Count + always.Count} rows");
        var model = trainer.Fit([.. examples, .. always]);
        return new TrainedLanguage(language, model, policy, words, crossValidated, trainer);
    }

    /// <summary>The script's own texts, which count in the language's vocabulary.</summary>
    private static IEnumerable<string> ScriptTexts(Core.Flow.FlowScript script) =>
        script.States.SelectMany(state => new[] { state.Text, state.Hint, state.Words ?? "", state.Why ?? "" }.Concat(state.Options.SelectMany(option => option.Synonyms)))
            .Concat(script.Messages.Values);
}

/// <summary>One language's trained understanding, ready to be written.</summary>
/// <param name="Language">The language.</param>
/// <param name="Model">The classifier fitted on the whole training split.</param>
/// <param name="Policy">The thresholds chosen by cross-validation.</param>
/// <param name="Words">The words of the language's texts, with how many texts use each.</param>
/// <param name="CrossValidated">The line scored on the training split with out-of-fold probabilities.</param>
/// <param name="Trainer">The trainer that fitted it (to save the model).</param>
public sealed record TrainedLanguage(string Language, ITransformer Model, DecisionPolicy Policy, IReadOnlyDictionary<string, int> Words, EvaluationReport CrossValidated, ModelTrainer Trainer);

/// <summary>Counts the words of a language's texts, for its vocabulary.</summary>
public static class LanguageWords
{
    /// <summary>Each word used by at least <paramref name="minTexts"/> texts, with how many texts use it.</summary>
    public static IReadOnlyDictionary<string, int> Count(IEnumerable<string> texts, int minTexts) =>
        texts.SelectMany(text => TextMatcher.Words(text).Distinct(StringComparer.Ordinal))
            .Where(word => !word.All(char.IsAsciiDigit))
            .GroupBy(word => word, StringComparer.Ordinal)
            .Where(group => group.Count() >= minTexts)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
}
