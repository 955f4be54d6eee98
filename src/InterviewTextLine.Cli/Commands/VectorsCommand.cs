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
    public const string DefaultPath = "src/InterviewTextLine.Understanding/Corpus/en.train.vectors";

    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "Where to write the vectors.", DefaultValueFactory = _ => new FileInfo(DefaultPath) };
        var command = new Command("vectors", "Compute the training corpus's sentence vectors that ship with the line.") { output };
        command.SetAction(parseResult =>
        {
            var file = parseResult.GetValue(output)!;
            var embedder = MiniLmSentenceEmbedder.Shared;
            var cleaner = new Understander(FlowLoader.LoadEmbedded(), embedder, []);
            var texts = Corpus.Train().Select(text => cleaner.Clean(text.Text)).Distinct(StringComparer.Ordinal).ToArray();
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
