using System.CommandLine;
using System.Globalization;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.Understanding;
using InterviewTextLine.Understanding.Training;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Cli.Commands;

/// <summary>
/// <c>textline eval</c>: scores how well the line understands a labelled corpus, through the same engine and
/// shipped models as the live line, and exits non-zero when a target is missed. <c>--split train</c> and
/// <c>--tune</c> cross-validate on the training split instead.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var corpus = new Option<FileInfo?>("--corpus") { Description = "A JSON Lines corpus ({\"text\",\"state\",\"expect\"} per line) instead of the shipped evaluation split." };
        var split = new Option<string>("--split") { Description = "The shipped split to score: eval (default, with the shipped models) or train (k-fold cross-validation: each text scored by a model that never saw it).", DefaultValueFactory = _ => "eval" };
        split.AcceptOnlyFromAmong("eval", "train");
        var language = new Option<string?>("--language") { Description = "The language to score (en, es). Default: each language in turn." };
        language.AcceptOnlyFromAmong([.. Corpus.Languages]);
        var misses = new Option<int>("--misses") { Description = "How many misses to list.", DefaultValueFactory = _ => 40 };
        var explain = new Option<bool>("--explain") { Description = "Show, for each miss, the text as the model read it, any sure danger phrase, and the model's likeliest meanings." };
        var tune = new Option<bool>("--tune") { Description = "Choose the decision thresholds by cross-validation on the training split and print them (textline train writes them)." };
        var command = new Command("eval", "Score the line's understanding per language: precision and recall per class, confusion, wrong-advice, question-back and menu rates, safety recall and precision, calibration; misses.") { corpus, split, language, misses, explain, tune };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var file = parseResult.GetValue(corpus);
            var languages = parseResult.GetValue(language) is { } chosen ? [chosen] : Corpus.Languages;
            if (parseResult.GetValue(split) == "train" || parseResult.GetValue(tune))
            {
                return await CrossValidate(languages, parseResult.GetValue(misses), cancellationToken);
            }

            await using var services = LocalServices.Build(LocalServices.Configuration(embeddedOnly: true), TimeProvider.System);
            var lines = services.GetRequiredService<LineLanguages>();
            var emergency = services.GetRequiredService<IOptions<ProgramOptions>>().Value.EmergencyNumber;
            var code = 0;
            foreach (var name in languages)
            {
                IReadOnlyList<LabelledText> texts;
                try
                {
                    texts = file is not null ? Corpus.ReadFile(file.FullName) : Corpus.Evaluation(name);
                }
                catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
                {
                    await Console.Error.WriteLineAsync(exception.Message);
                    return 2;
                }

                var engine = lines.For(name);
                var report = Evaluation.Run(engine, texts, emergency, TimeProvider.System.GetUtcNow());
                Func<EvaluatedText, string>? why = parseResult.GetValue(explain) && engine.Understander is Understander understander
                    ? miss => understander.Explain(TextReading.Of(miss.Text.Text), engine.Script.HasState(miss.Text.State) ? engine.Script.State(miss.Text.State) : engine.Script.State(engine.Script.Start))
                    : null;
                EvaluationPrinter.Print(report, file?.Name ?? Corpus.EvaluationName(name), parseResult.GetValue(misses), Console.Out, name, why);
                await Console.Out.WriteLineAsync();
                code = EvaluationTargets.For(name).Missed(report).Count == 0 ? code : 1;
            }

            return code;
        });
        return command;
    }

    private static async Task<int> CrossValidate(IReadOnlyList<string> languages, int misses, CancellationToken cancellationToken)
    {
        var (engines, emergency, trainer) = TrainCommand.Trainer(TrainingSettings.Default);
        foreach (var engine in engines.Where(engine => languages.Contains(engine.Script.Language)))
        {
            var trained = await Task.Run(() => trainer.Train(engine, emergency, Console.Error.WriteLine), cancellationToken);
            await Console.Out.WriteLineAsync($"Chosen by {TrainingSettings.Default.Folds}-fold cross-validation on '{Corpus.TrainName(trained.Language)}': {trained.Policy}");
            EvaluationPrinter.Print(trained.CrossValidated, $"{Corpus.TrainName(trained.Language)} (out-of-fold)", misses, Console.Out, trained.Language);
            await Console.Out.WriteLineAsync();
        }

        return 0;
    }
}

/// <summary>Writes an evaluation report as plain text.</summary>
internal static class EvaluationPrinter
{
    /// <summary>The headline figures against the language's targets.</summary>
    public static void Summary(EvaluationReport report, string corpus, TextWriter output, string language)
    {
        var targets = EvaluationTargets.For(language);
        var first = report.FirstTexts.ToList();
        var inFlow = report.InFlow.ToList();
        var safety = report.Safety.ToList();
        var (named, twoProblems) = report.SecondProblemsNamed;
        output.WriteLine($"Corpus: {corpus}, {report.Results.Count} texts ({first.Count} first texts, {inFlow.Count} in-flow).");
        Target(output, "First texts understood", first.Count(r => r.IsRight), first.Count, report.FirstTextAccuracy >= targets.FirstTextAccuracy, $">= {targets.FirstTextAccuracy:P1}");
        Target(output, "First texts given another situation's advice", first.Count(r => r.IsWrongAdvice), first.Count, report.WrongSituationRate <= targets.WrongSituationRate, $"<= {targets.WrongSituationRate:P1}");
        Target(output, "Danger texts told to leave and call in the first 160 characters", report.SafetyFirstCount, safety.Count, report.SafetyFirstCount == safety.Count, "all");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(report.SafetyPrecision >= targets.SafetyPrecision ? "ok  " : "MISS")} Safety advice that was about danger: {report.SafetyPrecision:P1} (target >= {targets.SafetyPrecision:P0})"));
        Target(output, "Nervous or neutral texts told to leave", report.CalmToldToLeave.Count(), report.Results.Count(r => r.Text.Expect == Labels.Nothing || r.Text.Expect == "nerves"), !report.CalmToldToLeave.Any(), "none");
        Target(output, "In-flow replies understood", inFlow.Count(r => r.IsRight), inFlow.Count, report.InFlowAccuracy >= targets.InFlowAccuracy, $">= {targets.InFlowAccuracy:P1}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Question-back rate {report.QuestionRate:P1}, menu rate (first texts about a situation) {report.MenuRate:P1}, second problem named {named}/{twoProblems}."));
    }

    public static void Print(EvaluationReport report, string corpus, int misses, TextWriter output, string language, Func<EvaluatedText, string>? explain = null)
    {
        Summary(report, corpus, output, language);
        PerClass(output, "First texts", report.PerClass(r => r.Text.IsFirstText));
        PerClass(output, "In-flow replies", report.PerClass(r => !r.Text.IsFirstText));

        output.WriteLine();
        output.WriteLine("Confusion (first texts; rows: expected, columns: understood):");
        var first = report.FirstTexts.ToList();
        var confusion = report.Confusion(r => r.Text.IsFirstText);
        var rows = first.Select(r => r.Text.Expect).Distinct().Order(StringComparer.Ordinal).ToList();
        var columns = rows.Union(first.Select(r => r.Actual)).Distinct().Order(StringComparer.Ordinal).ToList();
        output.WriteLine("  " + "".PadRight(12) + string.Concat(columns.Select(c => Abbreviate(c).PadLeft(8))));
        foreach (var row in rows)
        {
            output.WriteLine("  " + row.PadRight(12) + string.Concat(columns.Select(c => confusion.GetValueOrDefault((row, c)).ToString(CultureInfo.InvariantCulture).PadLeft(8))));
        }

        output.WriteLine();
        output.WriteLine("Calibration (texts the model acted on: stated confidence against how often it was right):");
        foreach (var (from, count, stated, right) in report.Calibration())
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {from:0.0}-{from + 0.1:0.0}  {count,5} texts  stated {stated:P1}  right {right:P1}"));
        }

        var missed = report.Misses.ToList();
        output.WriteLine();
        output.WriteLine($"Misses ({missed.Count}{(missed.Count > misses ? $", first {misses}" : "")}):");
        foreach (var miss in missed.Take(misses))
        {
            var mark = miss.IsWrongAdvice ? "WRONG" : "slow ";
            output.WriteLine($"  {mark} [{miss.Text.State}] expected {miss.Text.Expect}, got {miss.Actual}: {miss.Text.Text}");
            if (explain is not null)
            {
                output.WriteLine("        " + explain(miss));
            }
        }
    }

    private static void PerClass(TextWriter output, string title, IReadOnlyList<(string Label, int Support, double Precision, double Recall)> classes)
    {
        output.WriteLine();
        output.WriteLine($"{title}: precision and recall per class");
        foreach (var (label, support, precision, recall) in classes)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-12} {support,5}  precision {precision,7:P1}  recall {recall,7:P1}"));
        }
    }

    private static void Target(TextWriter output, string what, int count, int total, bool met, string target) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(met ? "ok  " : "MISS")} {what}: {count}/{total} ({(total == 0 ? "-" : ((double)count / total).ToString("P1", CultureInfo.InvariantCulture))}; target {target})"));

    private static string Abbreviate(string label) => label.Length <= 7 ? label : label[..7];
}
