using System.CommandLine;
using InterviewTextLine.Core;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Languages;
using InterviewTextLine.Understanding;
using InterviewTextLine.Understanding.Classification;
using InterviewTextLine.Understanding.Training;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Cli.Commands;

/// <summary>
/// <c>textline train</c>: trains every language's classifier from the corpus, chooses its thresholds by
/// cross-validation on the training split, and writes the model files the app ships.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo?>("--out") { Description = "Where to write the model files. Default: src/InterviewTextLine.Understanding/Models in this repository." };
        var command = new Command("train", "Train each language's classifier from its training split, choose the decision thresholds by cross-validation, and write the shipped model files.") { output };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var folder = parseResult.GetValue(output)?.FullName ?? (RepositoryFolder.Find() is { } root ? ModelFiles.Folder(root) : null);
            if (folder is null)
            {
                await Console.Error.WriteLineAsync("Run this inside the repository, or say where to write with --out.");
                return 2;
            }

            var trained = await Task.Run(() => TrainAll(Console.Error.WriteLine), cancellationToken);
            ModelFiles.Write(folder, trained.Languages, trained.Fingerprint);
            foreach (var language in trained.Languages)
            {
                await Console.Out.WriteLineAsync($"{language.Language}: policy {language.Policy}");
                EvaluationPrinter.Summary(language.CrossValidated, $"{Corpus.TrainName(language.Language)} ({TrainingSettings.Default.Folds}-fold cross-validation)", Console.Out, language.Language);
            }

            await Console.Out.WriteLineAsync($"Wrote the models to {folder} (fingerprint {trained.Fingerprint[..12]}).");
            return 0;
        });
        return command;
    }

    /// <summary>Trains every language the line speaks, with the engines the line runs.</summary>
    public static (IReadOnlyList<TrainedLanguage> Languages, string Fingerprint) TrainAll(Action<string> progress)
    {
        var settings = TrainingSettings.Default;
        var (engines, emergency, trainer) = Trainer(settings);
        var languages = engines.Select(engine => trainer.Train(engine, emergency, progress)).ToList();
        return (languages, ModelFiles.Fingerprint(settings, engines.Select(engine => engine.Script)));
    }

    /// <summary>The engines of the shipped scripts (over no model: training brings its own) and a trainer for them.</summary>
    public static (IReadOnlyList<ConversationEngine> Engines, string EmergencyNumber, LanguageTrainer Trainer) Trainer(TrainingSettings settings)
    {
        // The settings come through the options system, bound and validated as the hosts bind them.
        using var settingsProvider = Settings(LocalServices.Configuration(embeddedOnly: true));
        var scripts = new FlowScripts([.. FlowLoader.Languages.Select(FlowLoader.LoadEmbedded).Select(FlowValidator.EnsureValid)]);
        var program = settingsProvider.GetRequiredService<IOptions<ProgramOptions>>();
        var understanding = new TextUnderstanding(MiniLmSentenceEmbedder.Shared, scripts, new LanguageRegistry(BuiltInLanguages.All));
        var engines = scripts.All.Select(script => new ConversationEngine(
            script,
            scripts.Keywords,
            // A stand-in the trainer replaces with each candidate model (ConversationEngine.With).
            new Understander(script, scripts.Keywords, new RememberedClassifier(new Dictionary<string, LabelProbabilities>()), PolicyTuning.Start, understanding.Mender(script, [])),
            program,
            settingsProvider.GetRequiredService<IOptions<ConversationOptions>>(),
            settingsProvider.GetRequiredService<IOptions<FollowUpOptions>>(),
            // Training scores every text of the corpus from one "number": no reply cap.
            Options.Create(new LimitsOptions { RepliesPerNumber = int.MaxValue }))).ToList();
        return (engines, program.Value.EmergencyNumber, new LanguageTrainer(settings, MiniLmSentenceEmbedder.Shared, understanding));
    }

    /// <summary>The settings the engines read, bound and validated by the options system from <paramref name="configuration"/>.</summary>
    private static ServiceProvider Settings(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddValidatedOptions<ProgramOptions>(configuration);
        services.AddValidatedOptions<ConversationOptions>(configuration);
        services.AddValidatedOptions<FollowUpOptions>(configuration);
        return services.BuildServiceProvider();
    }
}

/// <summary>Where the repository is: the folder holding InterviewTextLine.sln, at or above the current one.</summary>
internal static class RepositoryFolder
{
    public static string? Find()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "InterviewTextLine.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
