using System.Text.Json;
using System.Text.Json.Serialization;

namespace InterviewTextLine.Understanding;

/// <summary>
/// The files <c>textline train</c> writes into <c>Models/</c> and the app ships inside this assembly: per
/// language, the classifier (<c>en.model.zip</c>), its decision policy (<c>en.policy.json</c>) and the
/// words its texts use (<c>en.words.tsv</c>, for telling languages apart and mending typos); and
/// <c>manifest.json</c>, which records what they were trained from.
/// </summary>
public static class ShippedModels
{
    public const string ManifestName = "manifest.json";

    private const string Prefix = "InterviewTextLine.Understanding.Models.";

    public static string ModelName(string language) => language + ".model.zip";

    public static string PolicyName(string language) => language + ".policy.json";

    public static string WordsName(string language) => language + ".words.tsv";

    /// <summary>What the shipped models were trained from.</summary>
    public static ModelManifest Manifest()
    {
        using var stream = Open(ManifestName);
        return JsonSerializer.Deserialize(stream, ModelJsonContext.Default.ModelManifest)
            ?? throw new InvalidDataException("The shipped model manifest is empty.");
    }

    /// <summary>The shipped classifier of <paramref name="language"/>, as a stream of its zip.</summary>
    public static Stream Model(string language) => Open(ModelName(language));

    /// <summary>
    /// Drops the resident pages of <paramref name="language"/>'s model file once the classifier has loaded it: the
    /// classifier keeps its own copy, and the file is not read again (<see cref="Classification.ResourcePages"/>).
    /// </summary>
    public static void ReleaseModel(string language) => Classification.ResourcePages.Release(typeof(ShippedModels).Assembly, Prefix + ModelName(language));

    public static DecisionPolicy Policy(string language)
    {
        using var stream = Open(PolicyName(language));
        var policy = JsonSerializer.Deserialize(stream, ModelJsonContext.Default.DecisionPolicy);
        return policy is { IsValid: true } ? policy : throw new InvalidDataException($"The shipped policy '{PolicyName(language)}' is not valid.");
    }

    /// <summary>The words of <paramref name="language"/>'s texts, with how many texts use each.</summary>
    public static IReadOnlyDictionary<string, int> Words(string language)
    {
        using var reader = new StreamReader(Open(WordsName(language)));
        return ReadWords(reader);
    }

    /// <summary>Reads a words file: one <c>word TAB count</c> per line.</summary>
    public static IReadOnlyDictionary<string, int> ReadWords(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0 && int.TryParse(line.AsSpan(tab + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count))
            {
                words[line[..tab]] = count;
            }
        }

        return words;
    }

    /// <summary>True when the app ships a model for <paramref name="language"/>.</summary>
    public static bool Has(string language) => typeof(ShippedModels).Assembly.GetManifestResourceInfo(Prefix + ModelName(language)) is not null;

    private static Stream Open(string name) =>
        typeof(ShippedModels).Assembly.GetManifestResourceStream(Prefix + name)
        ?? throw new InvalidOperationException($"The model file '{name}' is not shipped: run 'textline train'.");
}

/// <summary>What a set of shipped models was trained from, so a test can tell when they are stale.</summary>
/// <param name="Fingerprint">The SHA-256 of the training splits, the scripts' phrases and the training settings.</param>
/// <param name="Languages">The languages trained.</param>
public sealed record ModelManifest(
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    [property: JsonPropertyName("languages")] IReadOnlyList<string> Languages);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(ModelManifest))]
[JsonSerializable(typeof(DecisionPolicy))]
public sealed partial class ModelJsonContext : JsonSerializerContext;
