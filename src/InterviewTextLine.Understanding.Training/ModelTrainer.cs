using InterviewTextLine.Core.Understanding;
using InterviewTextLine.Understanding.Classification;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;

namespace InterviewTextLine.Understanding.Training;

/// <summary>
/// Trains the classifier of one language: word 1-2-grams and letter 1-5-grams of the folded text (TF-IDF
/// weighted, L2-normalised), the state it was sent in, and the sentence model's vector, into a multinomial logistic regression
/// (<see cref="LbfgsMaximumEntropyMulticlassTrainer"/>) whose probabilities the decision policy reads.
/// </summary>
/// <remarks>
/// The letter n-grams carry what the English sentence model cannot: Spanish, typos, slang. Training is
/// deterministic: a fixed seed, and examples in corpus order.
/// </remarks>
public sealed class ModelTrainer(TrainingSettings settings)
{
    private readonly MLContext _ml = new(seed: settings.Seed);

    public TrainingSettings Settings => settings;

    /// <summary>Fits a model on <paramref name="examples"/>.</summary>
    public ITransformer Fit(IReadOnlyList<TrainingExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var data = _ml.Data.LoadFromEnumerable(examples.Select(example => example.Row));
        return Pipeline().Fit(data);
    }

    /// <summary>Writes a fitted model as the zip the app ships.</summary>
    public void Save(ITransformer model, Stream destination)
    {
        var schema = _ml.Data.LoadFromEnumerable(Array.Empty<WeightedInput>()).Schema;
        _ml.Model.Save(model, schema, destination);
    }

    private Microsoft.ML.Data.EstimatorChain<Microsoft.ML.Data.MulticlassPredictionTransformer<MaximumEntropyModelParameters>> Pipeline()
    {
        var text = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = false,
            KeepPunctuations = true,
            KeepNumbers = true,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = settings.WordNgrams, UseAllLengths = true, MaximumNgramsCount = [settings.MaxNgrams], Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = settings.CharacterNgrams, UseAllLengths = true, MaximumNgramsCount = [settings.MaxNgrams], Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        var trainer = new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            L1Regularization = 0,
            L2Regularization = settings.L2,
            ExampleWeightColumnName = nameof(WeightedInput.Weight),
            NumberOfThreads = 1,
        };
        return _ml.Transforms.Text.FeaturizeText("Grams", text, nameof(MeaningInput.Text))
            .Append(_ml.Transforms.Categorical.OneHotEncoding("InState", nameof(MeaningInput.State)))
            .Append(_ml.Transforms.Concatenate("Features", "Grams", "InState", nameof(MeaningInput.Meaning)))
            .Append(_ml.Transforms.Conversion.MapValueToKey("Label", nameof(MeaningInput.Label)))
            .Append(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(trainer));
    }
}

/// <summary>A training row: the classifier's input, its label, and how much it counts.</summary>
public sealed class WeightedInput
{
    public string Text { get; set; } = "";

    public string State { get; set; } = "";

    [Microsoft.ML.Data.VectorType(MeaningInput.Dimensions)]
    public float[] Meaning { get; set; } = [];

    public string Label { get; set; } = "";

    public float Weight { get; set; } = 1;
}

/// <summary>One labelled text ready for training: read as the app reads it, with its sentence vector.</summary>
/// <param name="Source">The corpus text it came from.</param>
/// <param name="Row">The row the trainer sees.</param>
public sealed record TrainingExample(LabelledText Source, WeightedInput Row);

/// <summary>Reads labelled texts as the line would and embeds them, in batches.</summary>
public static class TrainingExamples
{
    /// <summary>
    /// The rows of <paramref name="texts"/>, each read as the line reads it (folded) in the state it was sent in
    /// (<paramref name="startState"/> for a first text); a text with two problems counts for both, so the model
    /// learns that both are present.
    /// </summary>
    /// <param name="texts">The labelled texts.</param>
    /// <param name="startState">The state a first text is read in.</param>
    /// <param name="embedder">The sentence model.</param>
    /// <param name="languageWords">The words the language's texts use, which the sentence model's reading counts as known (<see cref="SentenceText"/>).</param>
    public static IReadOnlyList<TrainingExample> From(IEnumerable<LabelledText> texts, string startState, MiniLmSentenceEmbedder embedder, IEnumerable<string> languageWords)
    {
        ArgumentNullException.ThrowIfNull(languageWords);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(startState);
        ArgumentNullException.ThrowIfNull(embedder);
        var list = texts.ToList();
        var cleaned = list.Select(text => TextReading.Of(text.Text).Folded).ToArray();
        var known = new HashSet<string>(embedder.Vocabulary.Concat(languageWords), StringComparer.Ordinal);
        var read = cleaned.Select(text => SentenceText.Bound(text, known)).ToArray();
        var vectors = new float[cleaned.Length][];
        const int Batch = 64;
        for (var start = 0; start < cleaned.Length; start += Batch)
        {
            var chunk = embedder.Compute(read[start..Math.Min(read.Length, start + Batch)]);
            chunk.CopyTo(vectors, start);
        }

        var examples = new List<TrainingExample>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            examples.Add(new TrainingExample(list[i], new WeightedInput { Text = cleaned[i], State = State(list[i]), Meaning = vectors[i], Label = list[i].Expect }));
            if (list[i].Also is { } also)
            {
                examples.Add(new TrainingExample(list[i], new WeightedInput { Text = cleaned[i], State = State(list[i]), Meaning = vectors[i], Label = also }));
            }
        }

        return examples;

        string State(LabelledText text) => text.IsFirstText ? startState : text.State;
    }

    /// <summary>
    /// The clauses of each of <paramref name="examples"/>' texts, as rows for the classifier, keyed as the text is
    /// (<see cref="RememberedClassifier.Key"/>): each clause's words with the whole text's sentence vector, as the line
    /// reads a clause (<see cref="IMeaningClassifier.ClassifyClause"/>). Texts of one clause have none.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<WeightedInput>> Clauses(IEnumerable<TrainingExample> examples, Rules.TextClauses cutter)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(cutter);
        return examples.Select(example => example.Row)
            .DistinctBy(row => RememberedClassifier.Key(row.Text, row.State), StringComparer.Ordinal)
            .Select(row => (Row: row, Clauses: cutter.Of(row.Text)))
            .Where(parent => parent.Clauses.Count > 0)
            .ToDictionary(
                parent => RememberedClassifier.Key(parent.Row.Text, parent.Row.State),
                parent => (IReadOnlyList<WeightedInput>)[.. parent.Clauses.Select(clause => new WeightedInput { Text = clause, State = parent.Row.State, Meaning = parent.Row.Meaning, Label = Core.Understanding.Labels.Nothing })],
                StringComparer.Ordinal);
    }
}
