using System.CommandLine;
using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.Cli.Commands;

/// <summary><c>textline flow</c>: prints the flow as a Mermaid diagram.</summary>
internal static class FlowCommand
{
    public static Command Create()
    {
        var script = new Option<FileInfo?>("--script") { Description = "A script file to draw instead of the one that ships with the line." };
        var command = new Command("flow", "Print the conversation flow as a Mermaid state diagram.") { script };
        command.SetAction(parseResult =>
        {
            var file = parseResult.GetValue(script);
            var flow = FlowLoader.LoadFileOrEmbedded(file?.FullName);
            Console.Out.Write(MermaidWriter.Write(flow));
            return 0;
        });
        return command;
    }
}
