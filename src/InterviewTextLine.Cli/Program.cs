using System.CommandLine;
using InterviewTextLine.Cli;
using InterviewTextLine.Cli.Commands;

var root = new RootCommand("textline: the InterviewTextLine SMS line on your machine.")
{
    ChatCommand.Create(),
    ServeCommand.Create(),
    SmokeCommand.Create(),
    FollowUpsCommand.Create(time => LocalServices.Build(LocalServices.Configuration(embeddedOnly: false), time)),
    FlowCommand.Create(),
    LintCommand.Create(),
    EvalCommand.Create(),
    TrainCommand.Create(),
    PublishCommand.Publish(),
    PublishCommand.Versions(),
    OperatorCommands.Lookup(),
    OperatorCommands.Forget(),
};

return await root.Parse(args).InvokeAsync();
