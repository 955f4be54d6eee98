namespace InterviewTextLine.Understanding.Classification;

/// <summary>The classifier's probability for every label it knows, for one text.</summary>
public sealed class LabelProbabilities
{
    private readonly IReadOnlyList<string> _labels;
    private readonly float[] _probabilities;

    public LabelProbabilities(IReadOnlyList<string> labels, float[] probabilities)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (labels.Count != probabilities.Length)
        {
            throw new ArgumentException("One probability per label.", nameof(probabilities));
        }

        _labels = labels;
        _probabilities = probabilities;
    }

    public IReadOnlyList<string> Labels => _labels;

    /// <summary>
    /// The probabilities of the labels <paramref name="isCandidate"/> admits, scaled to sum to one, best first:
    /// what the model says once the labels a state cannot mean are set aside.
    /// </summary>
    public IReadOnlyList<(string Label, double Probability)> Among(Func<string, bool> isCandidate)
    {
        ArgumentNullException.ThrowIfNull(isCandidate);
        var kept = new List<(string Label, double Probability)>(_labels.Count);
        var total = 0.0;
        for (var i = 0; i < _labels.Count; i++)
        {
            if (isCandidate(_labels[i]))
            {
                kept.Add((_labels[i], _probabilities[i]));
                total += _probabilities[i];
            }
        }

        if (total <= 0)
        {
            return [];
        }

        return [.. kept.Select(pair => (pair.Label, Probability: pair.Probability / total)).OrderByDescending(pair => pair.Probability).ThenBy(pair => pair.Label, StringComparer.Ordinal)];
    }
}

/// <summary>Turns a text into the probability of each label the model knows.</summary>
public interface IMeaningClassifier
{
    /// <summary>The probability of every label for <paramref name="text"/> (folded) sent in the state <paramref name="state"/>.</summary>
    LabelProbabilities Classify(string text, string state);

    /// <summary>
    /// The probability of every label for one clause of <paramref name="whole"/>: the clause's own words, read with the
    /// whole text's sentence meaning, so a clause costs no second run of the sentence model.
    /// </summary>
    LabelProbabilities ClassifyClause(string clause, string whole, string state);
}
