using System.CommandLine;
using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.Cli.Commands;

/// <summary><c>textline lint</c>: validates a flow script and exits non-zero on any problem.</summary>
internal static class LintCommand
{
    public static Command Create()
    {
        var script = new Option<FileInfo?>("--script") { Description = "A script file to check instead of the one that ships with the line." };
        var command = new Command("lint", "Check the flow script: reachability, dead ends, references, placeholders, GSM-7 and segment budgets.") { script };
        command.SetAction(parseResult =>
        {
            var file = parseResult.GetValue(script);
            FlowScript flow;
            try
            {
                flow = FlowLoader.LoadFileOrEmbedded(file?.FullName);
            }
            catch (Exception exception) when (exception is FlowScriptException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(exception.Message);
                return 1;
            }

            var problems = FlowValidator.Validate(flow);
            foreach (var problem in problems)
            {
                Console.Error.WriteLine($"error: {problem}");
            }

            if (problems.Count > 0)
            {
                Console.Error.WriteLine($"{problems.Count} problem(s) in flow script {flow.Version}.");
                return 1;
            }

            Console.Out.WriteLine($"Flow script {flow.Version} is valid: {flow.States.Count} states, {flow.Situations.Count} situations, {flow.Cues.Sum(c => c.Phrases.Count)} cues.");
            return 0;
        });
        return command;
    }
}
