using System.CommandLine;
using System.Globalization;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.Understanding;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Cli.Commands;

/// <summary>
/// <c>textline eval</c>: scores how well the line understands a labelled corpus, through the same
/// engine and model as the live line, and exits non-zero when a target is missed.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var corpus = new Option<FileInfo?>("--corpus") { Description = "A JSON Lines corpus ({\"text\",\"state\",\"expect\"} per line) instead of the shipped evaluation split." };
        var split = new Option<string>("--split") { Description = "The shipped split to score: eval (default) or train (each text scored without its own example).", DefaultValueFactory = _ => "eval" };
        split.AcceptOnlyFromAmong("eval", "train");
        var language = new Option<string?>("--language") { Description = "The language to score: en or es. Default: each language in turn (English for --corpus)." };
        language.AcceptOnlyFromAmong([.. Corpus.Languages]);
        var misses = new Option<int>("--misses") { Description = "How many misses to list.", DefaultValueFactory = _ => 50 };
        var explain = new Option<bool>("--explain") { Description = "Show, for each miss, the text as mended, the cues it holds and the model's best labels." };
        var tune = new Option<bool>("--tune") { Description = "Choose the understanding thresholds on the training split (each text without its own example) and print them." };
        var command = new Command("eval", "Score the line's understanding on a labelled corpus, per language: accuracy per situation and state, wrong-situation rate, confusion matrix, misses.") { corpus, split, language, misses, explain, tune };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var file = parseResult.GetValue(corpus);
            var train = file is null && parseResult.GetValue(split) == "train";
            var chosen = parseResult.GetValue(language);
            var languages = chosen is not null ? [chosen] : file is not null || parseResult.GetValue(tune) ? ["en"] : Corpus.Languages;
            await using var services = LocalServices.Build(LocalServices.Configuration(embeddedOnly: true), TimeProvider.System);
            var lines = services.GetRequiredService<LineLanguages>();
            var emergency = services.GetRequiredService<IOptions<ProgramOptions>>().Value.EmergencyNumber;
            var code = 0;
            foreach (var name in languages)
            {
                var engine = lines.For(name);
                if (parseResult.GetValue(tune))
                {
                    var tuning = new Understander(engine.Script, services.GetRequiredService<ISentenceEmbedder>(), Corpus.Train(name), rememberScores: true);
                    var (settings, score) = Tuning.Run(engine.With(tuning), Corpus.Train(name), emergency, TimeProvider.System.GetUtcNow(), line => Console.Error.WriteLine(line));
                    await Console.Out.WriteLineAsync($"Best on the '{name}' training split (score {score:0.0000}): {settings}");
                    continue;
                }

                IReadOnlyList<LabelledText> texts;
                try
                {
                    texts = file is not null ? Corpus.ReadFile(file.FullName) : train ? Corpus.Train(name) : Corpus.Evaluation(name);
                }
                catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
                {
                    await Console.Error.WriteLineAsync(exception.Message);
                    return 2;
                }

                var report = Evaluation.Run(engine, texts, emergency, leaveOneOut: train, TimeProvider.System.GetUtcNow());
                var title = file?.Name ?? (train ? Corpus.TrainName(name) + " (each text without its own example)" : Corpus.EvaluationName(name));
                Func<EvaluatedText, string>? why = parseResult.GetValue(explain)
                    ? miss => engine.Understander.Explain(engine.Script.HasState(miss.Text.State) ? engine.Script.State(miss.Text.State) : engine.Script.State(engine.Script.Start), miss.Text.Text, train ? miss.Text.Text : null)
                    : null;
                EvaluationPrinter.Print(report, title, parseResult.GetValue(misses), Console.Out, why, name);
                await Console.Out.WriteLineAsync();
                code = EvaluationPrinter.MeetsTargets(report, name) ? code : 1;
            }

            return code;
        });
        return command;
    }
}

/// <summary>Writes an evaluation report as plain text.</summary>
internal static class EvaluationPrinter
{
    public static bool MeetsTargets(EvaluationReport report, string language = "en") =>
        report.FirstTextAccuracy >= EvaluationTargets.FirstTextAccuracyOf(language)
        && report.WrongSituationRate <= EvaluationTargets.WrongSituationRateOf(language)
        && report.SafetyFirstCount == report.Safety.Count()
        && report.InFlowAccuracy >= EvaluationTargets.InFlowAccuracy;

    public static void Print(EvaluationReport report, string corpus, int misses, TextWriter output, Func<EvaluatedText, string>? explain = null, string language = "en")
    {
        var routed = EvaluationTargets.FirstTextAccuracyOf(language);
        var wrong = EvaluationTargets.WrongSituationRateOf(language);
        var firstTexts = report.FirstTexts.ToList();
        var firstAll = report.Results.Where(r => r.Text.IsFirstText).ToList();
        var inFlow = report.InFlow.ToList();
        var safety = report.Safety.ToList();
        output.WriteLine($"Corpus: {corpus}, {report.Results.Count} texts ({firstAll.Count} first texts, {inFlow.Count} in-flow).");
        output.WriteLine();
        Target(output, "First texts routed to the right situation", firstTexts.Count(r => r.IsRight), firstTexts.Count, report.FirstTextAccuracy >= routed, $">= {routed:P0}");
        Target(output, "First texts given a wrong situation's advice", firstAll.Count(report.IsWrongSituation), firstAll.Count, report.WrongSituationRate <= wrong, $"<= {wrong:P0}");
        Target(output, "Safety texts told to leave and call in the first 160 characters", report.SafetyFirstCount, safety.Count, report.SafetyFirstCount == safety.Count, "all");
        Target(output, "In-flow replies understood", inFlow.Count(r => r.IsRight), inFlow.Count, report.InFlowAccuracy >= EvaluationTargets.InFlowAccuracy, $">= {EvaluationTargets.InFlowAccuracy:P0}");
        output.WriteLine($"  (asked a question back: {firstAll.Count(r => r.Actual == "clarify")}, shown the menu: {firstTexts.Count(r => r.Actual == LabelledText.Nothing)})");

        output.WriteLine();
        output.WriteLine("Accuracy per situation (first texts):");
        foreach (var label in firstAll.Select(r => r.Text.Expect).Distinct().Order(StringComparer.Ordinal))
        {
            var group = firstAll.Where(r => r.Text.Expect == label).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label,-12} {group.Count(r => r.IsRight),4}/{group.Count,-4} {Percent(group.Count(r => r.IsRight), group.Count)}"));
        }

        output.WriteLine();
        output.WriteLine("Accuracy per state (in-flow replies):");
        foreach (var state in inFlow.Select(r => r.Text.State).Distinct().Order(StringComparer.Ordinal))
        {
            var group = inFlow.Where(r => r.Text.State == state).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {state,-18} {group.Count(r => r.IsRight),4}/{group.Count,-4} {Percent(group.Count(r => r.IsRight), group.Count)}"));
        }

        output.WriteLine();
        output.WriteLine("Confusion matrix (first texts; rows: expected, columns: understood):");
        var confusion = report.Confusion(r => r.Text.IsFirstText);
        var rows = firstAll.Select(r => r.Text.Expect).Distinct().Order(StringComparer.Ordinal).ToList();
        var columns = rows.Union(firstAll.Select(r => r.Actual)).Distinct().Order(StringComparer.Ordinal).ToList();
        output.WriteLine("  " + "".PadRight(12) + string.Concat(columns.Select(c => Abbreviate(c).PadLeft(8))));
        foreach (var row in rows)
        {
            output.WriteLine("  " + row.PadRight(12) + string.Concat(columns.Select(c => confusion.GetValueOrDefault((row, c)).ToString(CultureInfo.InvariantCulture).PadLeft(8))));
        }

        var missed = report.Misses.ToList();
        output.WriteLine();
        output.WriteLine($"Misses ({missed.Count}{(missed.Count > misses ? $", first {misses}" : "")}):");
        foreach (var miss in missed.Take(misses))
        {
            var mark = report.IsWrongSituation(miss) ? "WRONG" : "slow ";
            output.WriteLine($"  {mark} [{miss.Text.State}] expected {miss.Text.Expect}, got {miss.Actual}: {miss.Text.Text}");
            if (explain is not null)
            {
                output.WriteLine("        " + explain(miss));
            }
        }
    }

    private static void Target(TextWriter output, string what, int count, int total, bool met, string target) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(met ? "ok  " : "MISS")} {what}: {count}/{total} ({Percent(count, total)}; target {target})"));

    private static string Percent(int count, int total) =>
        total == 0 ? "-" : ((double)count / total).ToString("P1", CultureInfo.InvariantCulture);

    private static string Abbreviate(string label) => label.Length <= 7 ? label : label[..7];
}
