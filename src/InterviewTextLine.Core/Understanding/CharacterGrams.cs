namespace InterviewTextLine.Core.Understanding;

/// <summary>
/// How much two texts share their spelling: TF-IDF over the 2- to 5-letter pieces of each word, compared
/// by cosine. The sentence model knows what words mean but reads a mangled or unfamiliar word ("rdue",
/// "chamba") as noise; letter pieces still match it to the examples that use it. Together the two
/// judge texts better than either alone (see docs/performance.md, understanding).
/// </summary>
/// <remarks>
/// Each word is padded with a space on both sides, so a piece can mark a word's start or end, and no
/// piece crosses two words. Term counts are damped (1 + ln count) and weighted by smoothed inverse
/// document frequency; vectors have unit length. Pieces that no example has are ignored.
/// </remarks>
public sealed class CharacterGrams
{
    private const int Shortest = 2;
    private const int Longest = 5;

    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<float> _idf = [];

    // For each piece, the examples that have it and its weight there: a text is compared only with the
    // examples it shares a piece with.
    private readonly List<List<(int Example, float Weight)>> _postings = [];

    /// <param name="examples">The cleaned example texts, in the order their similarities are reported.</param>
    public CharacterGrams(IReadOnlyList<string> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        Count = examples.Count;
        var counted = examples.Select(Pieces).ToList();
        var documents = new List<int>();
        foreach (var pieces in counted)
        {
            foreach (var piece in pieces.Keys)
            {
                if (!_index.TryGetValue(piece, out var id))
                {
                    _index[piece] = id = documents.Count;
                    documents.Add(0);
                    _postings.Add([]);
                }

                documents[id]++;
            }
        }

        _idf.AddRange(documents.Select(df => (float)(Math.Log((1.0 + Count) / (1.0 + df)) + 1.0)));
        for (var example = 0; example < counted.Count; example++)
        {
            foreach (var (id, weight) in Weigh(counted[example]))
            {
                _postings[id].Add((example, weight));
            }
        }
    }

    /// <summary>How many examples the similarities cover.</summary>
    public int Count { get; }

    /// <summary>The cosine between <paramref name="text"/> and every example, 0 where they share no piece.</summary>
    public float[] Similarities(string text)
    {
        var similarities = new float[Count];
        foreach (var (id, weight) in Weigh(Pieces(text)))
        {
            foreach (var (example, theirs) in _postings[id])
            {
                similarities[example] += weight * theirs;
            }
        }

        return similarities;
    }

    private List<(int Id, float Weight)> Weigh(Dictionary<string, int> pieces)
    {
        var known = new List<(int Id, float Weight)>(pieces.Count);
        var length = 0.0;
        foreach (var (piece, count) in pieces)
        {
            if (_index.TryGetValue(piece, out var id))
            {
                var weight = (float)((1.0 + Math.Log(count)) * _idf[id]);
                known.Add((id, weight));
                length += weight * weight;
            }
        }

        if (length == 0)
        {
            return known;
        }

        var norm = (float)Math.Sqrt(length);
        for (var i = 0; i < known.Count; i++)
        {
            known[i] = (known[i].Id, known[i].Weight / norm);
        }

        return known;
    }

    private static Dictionary<string, int> Pieces(string text)
    {
        var pieces = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var padded = $" {word} ";
            for (var n = Shortest; n <= Longest; n++)
            {
                // A word no longer than the piece is one piece, itself padded, counted once.
                if (padded.Length <= n)
                {
                    Add(pieces, padded);
                    break;
                }

                for (var start = 0; start + n <= padded.Length; start++)
                {
                    Add(pieces, padded.Substring(start, n));
                }
            }
        }

        return pieces;
    }

    private static void Add(Dictionary<string, int> pieces, string piece) =>
        pieces[piece] = pieces.GetValueOrDefault(piece) + 1;
}
