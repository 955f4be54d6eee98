using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace InterviewTextLine.Understanding.Classification;

/// <summary>
/// A trained model (an ML.NET pipeline: n-gram features of the text beside the sentence vector, then a
/// multiclass logistic regression) serving probabilities. Loaded from the file <c>textline train</c>
/// wrote; it never trains, tunes or holds evaluation data.
/// </summary>
/// <remarks>
/// A prediction engine is not thread-safe and costs a little to create, so engines are pooled: a request
/// borrows one and returns it, and concurrent texts each get their own.
/// </remarks>
public sealed class TrainedClassifier : IMeaningClassifier
{
    private readonly MLContext _ml = new();
    private readonly ITransformer _model;
    private readonly ISentenceEmbedder _embedder;
    private readonly IReadOnlySet<string> _known;
    private readonly ConcurrentBag<PredictionEngine<MeaningInput, MeaningOutput>> _engines = [];
    private readonly ConditionalWeakTable<string, float[]> _meanings = [];

    /// <param name="model">The saved model (a zip stream).</param>
    /// <param name="embedder">The sentence model the classifier was trained with.</param>
    /// <param name="languageWords">The words the language's texts use (<see cref="SentenceText"/>).</param>
    public TrainedClassifier(Stream model, ISentenceEmbedder embedder, IEnumerable<string> languageWords)
    {
        ArgumentNullException.ThrowIfNull(languageWords);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(embedder);
        _model = _ml.Model.Load(model, out _);
        _embedder = embedder;
        _known = new HashSet<string>(embedder.Vocabulary.Concat(languageWords), StringComparer.Ordinal);
        var engine = Rent();
        VBuffer<ReadOnlyMemory<char>> names = default;
        engine.OutputSchema[nameof(MeaningOutput.Score)].GetSlotNames(ref names);
        Labels = [.. names.DenseValues().Select(name => name.ToString())];
        _engines.Add(engine);
    }

    /// <summary>The labels the model knows, in the order of its probabilities.</summary>
    public IReadOnlyList<string> Labels { get; }

    public LabelProbabilities Classify(string text, string state)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(state);
        return Predict(new MeaningInput { Text = text, State = state, Meaning = Meaning(text) });
    }

    public LabelProbabilities ClassifyClause(string clause, string whole, string state)
    {
        ArgumentNullException.ThrowIfNull(clause);
        ArgumentNullException.ThrowIfNull(whole);
        ArgumentNullException.ThrowIfNull(state);
        return Predict(new MeaningInput { Text = clause, State = state, Meaning = Meaning(whole) });
    }

    /// <summary>
    /// The sentence vector of a text, computed once for the text's string: its clauses, read next with the same
    /// string, reuse it, and the entry goes when the text does.
    /// </summary>
    private float[] Meaning(string text) =>
        _meanings.GetValue(text, key => _embedder.Embed(SentenceText.Bound(key, _known)));

    private LabelProbabilities Predict(MeaningInput input)
    {
        var engine = Rent();
        try
        {
            return new LabelProbabilities(Labels, engine.Predict(input).Score);
        }
        finally
        {
            _engines.Add(engine);
        }
    }

    private PredictionEngine<MeaningInput, MeaningOutput> Rent() =>
        _engines.TryTake(out var engine) ? engine : _ml.Model.CreatePredictionEngine<MeaningInput, MeaningOutput>(_model);
}
