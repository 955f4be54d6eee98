using System.Security.Cryptography;
using System.Text;

namespace InterviewTextLine.Understanding;

/// <summary>
/// Vectors of the training texts, computed once with <c>textline vectors</c> and shipped with the app,
/// so a cold start reads them in milliseconds instead of running the model over every example.
/// </summary>
/// <remarks>
/// Keyed by the SHA-256 of the cleaned text, so a changed example simply misses and is computed at
/// start-up; a test fails when any training text misses, so the shipped file never goes stale.
/// Stored as half-precision floats: the similarities move by less than 0.001.
/// </remarks>
public sealed class VectorCache
{
    private static readonly byte[] Magic = "TLV1"u8.ToArray();

    private readonly Dictionary<string, float[]> _vectors;

    private VectorCache(Dictionary<string, float[]> vectors) => _vectors = vectors;

    public static VectorCache Empty { get; } = new([]);

    public int Count => _vectors.Count;

    public bool TryGet(string text, out float[] vector) => _vectors.TryGetValue(Key(text), out vector!);

    /// <summary>The cache shipped inside the app, or an empty one.</summary>
    public static VectorCache LoadEmbedded()
    {
        using var stream = Corpus.Open(Corpus.VectorsName);
        return stream is null ? Empty : Read(stream);
    }

    public static VectorCache Read(Stream stream)
    {
        using var reader = new BinaryReader(stream);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a vector cache.");
        }

        var count = reader.ReadInt32();
        var dimensions = reader.ReadInt32();
        var vectors = new Dictionary<string, float[]>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = Convert.ToHexString(reader.ReadBytes(32));
            var vector = new float[dimensions];
            for (var d = 0; d < dimensions; d++)
            {
                vector[d] = (float)BitConverter.UInt16BitsToHalf(reader.ReadUInt16());
            }

            vectors[key] = vector;
        }

        return new VectorCache(vectors);
    }

    /// <summary>Writes the vectors of <paramref name="texts"/> (each already cleaned).</summary>
    public static void Write(Stream stream, IReadOnlyList<(string Text, float[] Vector)> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var distinct = texts.DistinctBy(entry => entry.Text, StringComparer.Ordinal).ToList();
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(distinct.Count);
        writer.Write(distinct.Count == 0 ? 0 : distinct[0].Vector.Length);
        foreach (var (text, vector) in distinct)
        {
            writer.Write(Convert.FromHexString(Key(text)));
            foreach (var value in vector)
            {
                writer.Write(BitConverter.HalfToUInt16Bits((Half)value));
            }
        }
    }

    private static string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
