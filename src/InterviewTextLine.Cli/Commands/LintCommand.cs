using System.CommandLine;
using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.Cli.Commands;

/// <summary>
/// <c>textline lint</c>: validates the flow script of every language (or one file), checks that the
/// languages match, reports what each language's replies cost, and exits non-zero on any problem.
/// </summary>
internal static class LintCommand
{
    public static Command Create()
    {
        var script = new Option<FileInfo?>("--script") { Description = "A script file to check instead of the ones that ship with the line; a translation is also compared with the shipped script of the default language." };
        var command = new Command("lint", "Check the flow scripts: reachability, dead ends, references, placeholders, GSM-7, segment budgets and that the languages match.") { script };
        command.SetAction(parseResult =>
        {
            var file = parseResult.GetValue(script);
            List<FlowScript> scripts;
            try
            {
                scripts = file is null ? [.. FlowLoader.Languages.Select(FlowLoader.LoadEmbedded)] : [FlowLoader.LoadFile(file.FullName)];
            }
            catch (Exception exception) when (exception is FlowScriptException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(exception.Message);
                return 1;
            }

            // Between the languages: the shipped scripts together, or a translation file with the default language's.
            var between = file is null ? FlowValidator.CompareAll(scripts)
                : scripts[0].Language == FlowLoader.Languages[0] ? [] : FlowValidator.CompareAll([FlowLoader.LoadEmbedded(), scripts[0]]);
            foreach (var problem in between)
            {
                Console.Error.WriteLine($"error: {problem}");
            }

            var failed = between.Count > 0;
            foreach (var flow in scripts)
            {
                foreach (var note in flow.Notes)
                {
                    Console.WriteLine($"note: [{flow.Language}] {note}");
                }

                var problems = FlowValidator.Validate(flow).ToList();

                foreach (var problem in problems)
                {
                    Console.Error.WriteLine($"error: [{flow.Language}] {problem}");
                }

                if (problems.Count > 0)
                {
                    Console.Error.WriteLine($"{problems.Count} problem(s) in the '{flow.Language}' flow script {flow.Version}.");
                    failed = true;
                    continue;
                }

                Console.Out.WriteLine($"Flow script {flow.Version} ({flow.Language}) is valid: {flow.States.Count} states, {flow.Situations.Count} situations, {flow.Cues.Sum(c => c.Phrases.Count)} cues. {Cost(flow)}");
            }

            return failed ? 1 : 0;
        });
        return command;
    }

    /// <summary>What the language's texts cost with the longest settings: the welcome, and guidance at most and on average.</summary>
    private static string Cost(FlowScript flow)
    {
        var welcome = FlowValidator.SegmentsWithLongestSettings(flow.State(flow.Start).Text);
        var guidance = flow.States.Where(state => state.Kind == StateKind.Guidance).Select(state => FlowValidator.SegmentsWithLongestSettings(state.Text)).ToList();
        return $"Cost: welcome {welcome.Count} segment(s) {welcome.EncodingName}; guidance {guidance.Average(s => s.Count):0.00} segments on average, {guidance.Max(s => s.Count)} at most.";
    }
}
