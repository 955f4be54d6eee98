using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.Understanding.Training;

/// <summary>Writes the trained models where the app ships them from, and fingerprints what they were trained from.</summary>
public static class ModelFiles
{
    /// <summary>The folder of the shipped models, under the repository root.</summary>
    public static string Folder(string repositoryRoot) => Path.Combine(repositoryRoot, "src", "InterviewTextLine.Understanding", "Models");

    /// <summary>
    /// The SHA-256 of everything a model is trained from: each language's training split and script phrases,
    /// and the training settings. A shipped model whose manifest holds another fingerprint is stale.
    /// </summary>
    public static string Fingerprint(TrainingSettings settings, IEnumerable<FlowScript> scripts)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(scripts);
        var all = scripts.ToList();
        var keywords = KeywordTable.Of(all);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(settings.ToString()));
        foreach (var script in all.OrderBy(script => script.Language, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes("\n" + script.Language + "\n"));
            hash.AppendData(Corpus.Bytes(Corpus.TrainName(script.Language)));
            foreach (var phrase in Corpus.ScriptPhrases(script, keywords))
            {
                hash.AppendData(Encoding.UTF8.GetBytes(phrase.Text + "\t" + phrase.Expect + "\n"));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Writes each language's model, policy and words, then the manifest.</summary>
    public static void Write(string folder, IReadOnlyList<TrainedLanguage> languages, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(languages);
        Directory.CreateDirectory(folder);
        foreach (var trained in languages)
        {
            using (var model = File.Create(Path.Combine(folder, ShippedModels.ModelName(trained.Language))))
            {
                trained.Trainer.Save(trained.Model, model);
            }

            File.WriteAllText(Path.Combine(folder, ShippedModels.PolicyName(trained.Language)), JsonSerializer.Serialize(trained.Policy, ModelJsonContext.Default.DecisionPolicy) + "\n");
            File.WriteAllLines(Path.Combine(folder, ShippedModels.WordsName(trained.Language)), trained.Words.Select(pair => pair.Key + "\t" + pair.Value.ToString(CultureInfo.InvariantCulture)));
        }

        var manifest = new ModelManifest(fingerprint, [.. languages.Select(trained => trained.Language)]);
        File.WriteAllText(Path.Combine(folder, ShippedModels.ManifestName), JsonSerializer.Serialize(manifest, ModelJsonContext.Default.ModelManifest) + "\n");
    }
}
