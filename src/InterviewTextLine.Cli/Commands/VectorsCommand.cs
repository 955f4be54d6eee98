using System.CommandLine;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.Understanding;

namespace InterviewTextLine.Cli.Commands;

/// <summary>
/// <c>textline vectors</c>: runs the sentence model over the training corpus and writes the vectors the
/// line ships with, so that it starts without embedding every example. Run it after editing the corpus
/// or the script (whose words the spelling corrector uses); a test fails while the file is stale.
/// </summary>
internal static class VectorsCommand
{
    public const string DefaultPath = "src/InterviewTextLine.Understanding/Corpus/train.vectors";

    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "Where to write the vectors.", DefaultValueFactory = _ => new FileInfo(DefaultPath) };
        var command = new Command("vectors", "Compute the sentence vectors of every language's training corpus, which ship with the line.") { output };
        command.SetAction(parseResult =>
        {
            var file = parseResult.GetValue(output)!;
            var embedder = MiniLmSentenceEmbedder.Shared;
            // Each language's texts as its own understander reads them (its script's words mend its typos).
            var texts = Corpus.Languages
                .SelectMany(language =>
                {
                    var cleaner = new Understander(FlowLoader.LoadEmbedded(language), embedder, []);
                    return Corpus.Train(language).Select(text => cleaner.Clean(text.Text));
                })
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            var vectors = embedder.Compute(texts);
            using (var stream = file.Create())
            {
                VectorCache.Write(stream, [.. texts.Zip(vectors)]);
            }

            Console.Out.WriteLine($"Wrote {texts.Length} vectors to {file.FullName}.");
            return 0;
        });
        return command;
    }
}
