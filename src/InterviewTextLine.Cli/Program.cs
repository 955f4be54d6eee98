using System.CommandLine;
using InterviewTextLine.Cli.Commands;

var root = new RootCommand("textline: the InterviewTextLine SMS line on your machine.")
{
    ChatCommand.Create(),
    FlowCommand.Create(),
    LintCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
