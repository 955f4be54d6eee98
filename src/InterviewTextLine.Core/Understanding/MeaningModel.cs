namespace InterviewTextLine.Core.Understanding;

/// <summary>
/// Nearest neighbours over labelled examples: a text means what the examples closest to it mean. Close
/// is the sentence model's similarity (meaning) plus a share of <see cref="CharacterGrams"/>' (spelling).
/// New examples teach it without any training step.
/// </summary>
public sealed class MeaningModel
{
    private readonly ISentenceEmbedder _embedder;
    private readonly (string Text, string Label, float[] Vector)[] _examples;
    private readonly CharacterGrams _spelling;
    private readonly Dictionary<string, (float[] Meaning, float[] Spelling)>? _memo;

    /// <param name="embedder">The sentence model.</param>
    /// <param name="examples">Cleaned example texts (see <see cref="Understander.Clean"/>) and their labels.</param>
    /// <param name="remember">Keep every text's similarities, for scoring one corpus many times over (tuning); never in a live line.</param>
    public MeaningModel(ISentenceEmbedder embedder, IEnumerable<(string Text, string Label)> examples, bool remember = false)
    {
        _memo = remember ? [] : null;
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(examples);
        _embedder = embedder;
        _examples = [.. examples.Select(example => (example.Text, example.Label, embedder.Embed(example.Text)))];
        _spelling = new CharacterGrams([.. _examples.Select(example => example.Text)]);
    }

    public int Count => _examples.Length;

    public ISentenceEmbedder Embedder => _embedder;

    /// <summary>
    /// Every label that <paramref name="isCandidate"/> admits, with its score (a cosine similarity,
    /// from -1 to 1), best first.
    /// </summary>
    /// <param name="text">The cleaned text.</param>
    /// <param name="isCandidate">Which labels may be answered in this state.</param>
    /// <param name="neighbours">How many of a label's closest examples its score averages.</param>
    /// <param name="weights">How much the sentence model's similarity and the spelling similarity each count.</param>
    /// <param name="leaveOut">An example text to ignore, to score the corpus on itself fairly.</param>
    public IReadOnlyList<LabelScore> Score(string text, Func<string, bool> isCandidate, int neighbours, (double Meaning, double Spelling) weights, string? leaveOut = null)
    {
        ArgumentNullException.ThrowIfNull(isCandidate);
        var (meaning, spelt) = Similarities(text);
        var (byMeaning, bySpelling) = ((float)weights.Meaning, (float)weights.Spelling);

        // A few dozen labels over thousands of examples: ask about each label once.
        var candidates = new Dictionary<string, bool>(StringComparer.Ordinal);
        var best = new Dictionary<string, List<float>>(StringComparer.Ordinal);
        for (var i = 0; i < _examples.Length; i++)
        {
            var label = _examples[i].Label;
            if (!candidates.TryGetValue(label, out var candidate))
            {
                candidates[label] = candidate = isCandidate(label);
            }

            if (!candidate || (leaveOut is not null && _examples[i].Text == leaveOut))
            {
                continue;
            }

            if (!best.TryGetValue(label, out var top))
            {
                best[label] = top = new List<float>(neighbours + 1);
            }

            Keep(top, (byMeaning * meaning[i]) + (bySpelling * spelt[i]), neighbours);
        }

        return [.. best.Select(pair => new LabelScore(pair.Key, pair.Value.Average()))
            .OrderByDescending(score => score.Score)
            .ThenBy(score => score.Label, StringComparer.Ordinal)];
    }

    private (float[] Meaning, float[] Spelling) Similarities(string text)
    {
        if (_memo is not null && _memo.TryGetValue(text, out var remembered))
        {
            return remembered;
        }

        var vector = _embedder.Embed(text);
        var meaning = new float[_examples.Length];
        for (var i = 0; i < _examples.Length; i++)
        {
            meaning[i] = Dot(vector, _examples[i].Vector);
        }

        var similarities = (meaning, _spelling.Similarities(text));
        if (_memo is not null)
        {
            _memo[text] = similarities;
        }

        return similarities;
    }

    private static void Keep(List<float> top, float similarity, int neighbours)
    {
        if (top.Count < neighbours)
        {
            top.Add(similarity);
            return;
        }

        var lowest = 0;
        for (var i = 1; i < top.Count; i++)
        {
            if (top[i] < top[lowest])
            {
                lowest = i;
            }
        }

        if (similarity > top[lowest])
        {
            top[lowest] = similarity;
        }
    }

    private static float Dot(float[] a, float[] b)
    {
        var width = System.Numerics.Vector<float>.Count;
        var sum = System.Numerics.Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - width; i += width)
        {
            sum += new System.Numerics.Vector<float>(a, i) * new System.Numerics.Vector<float>(b, i);
        }

        var total = System.Numerics.Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }
}

/// <summary>How well a text matches a label's examples.</summary>
public readonly record struct LabelScore(string Label, double Score);
