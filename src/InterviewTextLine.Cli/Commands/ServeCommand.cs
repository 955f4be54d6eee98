using System.CommandLine;
using InterviewTextLine.Cli.Serve;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Cli.Commands;

/// <summary><c>textline serve</c>: the Twilio webhook over local HTTP, through the Functions app's handlers.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Listen URLs, separated by ';'. Twilio:WebhookBaseUrl defaults to the first.",
            DefaultValueFactory = _ => ServeHostOptions.DefaultUrls,
        };
        var storage = new Option<string?>("--storage")
        {
            Description = "Table Storage connection string (e.g. UseDevelopmentStorage=true for Azurite). Without it, conversations live in memory.",
        };
        var script = ScriptArguments.Option("Scripts to serve instead of the ones that ship with the line: CODE=FILE (a language's code; repeat), a folder, or one file of the default language (sets Flow:Scripts:CODE).");
        var metrics = new Option<bool>("--metrics") { Description = "Print a summary of the line's metrics to the console every half minute." };
        var command = new Command("serve", "Serve the SMS webhook (POST /api/sms and /api/sms/fallback) on local HTTP, with the follow-up schedule.")
        {
            urls,
            storage,
            script,
            metrics,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new ServeHostOptions
            {
                Urls = parseResult.GetValue(urls) ?? ServeHostOptions.DefaultUrls,
                StorageConnectionString = parseResult.GetValue(storage),
                PrintMetrics = parseResult.GetValue(metrics),
            };
            try
            {
                foreach (var (key, value) in ScriptArguments.Settings(ScriptArguments.Files(parseResult.GetValue(script))))
                {
                    options.Settings[key] = value;
                }
            }
            catch (ArgumentException exception)
            {
                await Console.Error.WriteLineAsync(exception.Message);
                return 2;
            }

            try
            {
                await ServeHost.RunAsync(options, cancellationToken);
                return 0;
            }
            catch (OptionsValidationException exception)
            {
                await Console.Error.WriteLineAsync($"textline serve: a setting is missing or not valid. {exception.Message}");
                await Console.Error.WriteLineAsync("Set it in local.settings.json Values or as an environment variable, e.g. Twilio__AuthToken.");
                return 1;
            }
        });
        return command;
    }
}
