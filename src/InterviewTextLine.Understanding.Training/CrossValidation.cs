using System.Security.Cryptography;
using System.Text;
using InterviewTextLine.Understanding.Classification;
using Microsoft.ML.Data;

namespace InterviewTextLine.Understanding.Training;

/// <summary>
/// K-fold cross-validation of the training split: each text is classified by a model trained on the other folds,
/// so its probabilities are those of a text the model never saw. The thresholds are chosen on these, and the
/// report shows them beside the frozen evaluation split.
/// </summary>
public static class CrossValidation
{
    /// <summary>
    /// The out-of-fold probabilities of every text of <paramref name="corpus"/>, keyed by the text as the model reads it
    /// and its state (<see cref="RememberedClassifier.Key"/>).
    /// Identical texts fall in the same fold, so no text is scored by a model that learned its twin; the script's
    /// phrases (<paramref name="alwaysTrained"/>) are in every fold's training and never scored.
    /// </summary>
    /// <param name="trainer">Fits each fold's model.</param>
    /// <param name="corpus">The labelled rows, folded in.</param>
    /// <param name="alwaysTrained">Rows every fold trains on and none scores.</param>
    /// <param name="clauses">
    /// The clauses of each text (<see cref="TrainingExamples.Clauses"/>), keyed as the text is: each is scored by the
    /// model that held its text out, as the line reads the clauses of a text it has never seen.
    /// </param>
    /// <param name="progress">Told each fold.</param>
    public static IReadOnlyDictionary<string, LabelProbabilities> OutOfFold(
        ModelTrainer trainer,
        IReadOnlyList<TrainingExample> corpus,
        IReadOnlyList<TrainingExample> alwaysTrained,
        IReadOnlyDictionary<string, IReadOnlyList<WeightedInput>>? clauses = null,
        Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(alwaysTrained);
        var folds = trainer.Settings.Folds;
        var probabilities = new Dictionary<string, LabelProbabilities>(StringComparer.Ordinal);
        for (var fold = 0; fold < folds; fold++)
        {
            var held = corpus.Where(example => Fold(example.Row.Text, trainer.Settings.Seed, folds) == fold).ToList();
            var training = corpus.Where(example => Fold(example.Row.Text, trainer.Settings.Seed, folds) != fold).Concat(alwaysTrained).ToList();
            var classifier = new DirectClassifier(trainer.Fit(training));
            foreach (var example in held.DistinctBy(example => RememberedClassifier.Key(example.Row.Text, example.Row.State), StringComparer.Ordinal))
            {
                var key = RememberedClassifier.Key(example.Row.Text, example.Row.State);
                probabilities[key] = classifier.Classify(example.Row);
                foreach (var clause in clauses?.GetValueOrDefault(key) ?? [])
                {
                    probabilities[RememberedClassifier.ClauseKey(clause.Text, example.Row.Text, clause.State)] = classifier.Classify(clause);
                }
            }

            progress?.Invoke($"fold {fold + 1} of {folds}: {held.Count} texts held out");
        }

        return probabilities;
    }

    /// <summary>The fold of a text: a stable hash of it and the seed, so the folds are the same on every run.</summary>
    public static int Fold(string text, int seed, int folds)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n" + text));
        return (int)(BitConverter.ToUInt32(hash, 0) % (uint)folds);
    }

    /// <summary>Classifies rows that already carry their sentence vector (no second embedding).</summary>
    private sealed class DirectClassifier
    {
        private readonly Microsoft.ML.PredictionEngine<MeaningInput, MeaningOutput> _engine;
        private readonly IReadOnlyList<string> _labels;

        public DirectClassifier(Microsoft.ML.ITransformer model)
        {
            _engine = new Microsoft.ML.MLContext().Model.CreatePredictionEngine<MeaningInput, MeaningOutput>(model);
            Microsoft.ML.Data.VBuffer<ReadOnlyMemory<char>> names = default;
            _engine.OutputSchema[nameof(MeaningOutput.Score)].GetSlotNames(ref names);
            _labels = [.. names.DenseValues().Select(name => name.ToString())];
        }

        public LabelProbabilities Classify(WeightedInput row) =>
            new(_labels, _engine.Predict(new MeaningInput { Text = row.Text, State = row.State, Meaning = row.Meaning }).Score);
    }
}

/// <summary>
/// A classifier that answers from probabilities computed before (the out-of-fold ones), for choosing thresholds
/// without running a model again; a text it has none for reads as nothing.
/// </summary>
public sealed class RememberedClassifier(IReadOnlyDictionary<string, LabelProbabilities> probabilities) : IMeaningClassifier
{
    private static readonly LabelProbabilities Unknown = new([Core.Understanding.Labels.Nothing], [1f]);

    public LabelProbabilities Classify(string text, string state) => probabilities.TryGetValue(Key(text, state), out var known) ? known : Unknown;

    public LabelProbabilities ClassifyClause(string clause, string whole, string state) =>
        probabilities.TryGetValue(ClauseKey(clause, whole, state), out var known) ? known : Unknown;

    /// <summary>How a text read in a state is keyed.</summary>
    public static string Key(string text, string state) => state + "\n" + text;

    /// <summary>How a clause of a text read in a state is keyed (its reading depends on the whole text's meaning).</summary>
    public static string ClauseKey(string clause, string whole, string state) => state + "\n" + whole + "\n" + clause;
}
