using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Handoffs;
using InterviewTextLine.Core.Sms;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace InterviewTextLine.Cli.Commands;

/// <summary>
/// <c>textline chat</c>: text the line from a terminal, through the same application service the
/// function app runs, on the embedded defaults (in-memory store, outbox for emails).
/// </summary>
internal static partial class ChatCommand
{
    public const string DefaultFrom = "+15555550100";
    public const string DefaultTo = "+15555550199";

    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The texter's number (E.164).", DefaultValueFactory = _ => DefaultFrom };
        var to = new Option<string>("--to") { Description = "The line's number (E.164).", DefaultValueFactory = _ => DefaultTo };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per reply: {\"in\",\"reply\",\"segments\",\"encoding\",\"state\",\"situation\"}." };
        var script = ScriptArguments.Option("Scripts to preview instead of the ones that ship with the line: CODE=FILE (a language's code; repeat), a folder, or one file of the default language.");
        var command = new Command("chat", "Text the line from this terminal. /wait 3h moves the clock and sends due follow-ups; /quit ends.") { from, to, json, script };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new ChatSession.Settings(parseResult.GetValue(from)!, parseResult.GetValue(to)!, parseResult.GetValue(json));
            if (!E164().IsMatch(options.From) || !E164().IsMatch(options.To))
            {
                await Console.Error.WriteLineAsync("--from and --to take a number in E.164 form, e.g. +15555550100.");
                return 2;
            }

            var time = new ShiftableTimeProvider(TimeProvider.System);
            List<KeyValuePair<string, string?>> overrides;
            try
            {
                overrides = [.. ScriptArguments.Settings(ScriptArguments.Files(parseResult.GetValue(script)))];
            }
            catch (ArgumentException exception)
            {
                await Console.Error.WriteLineAsync(exception.Message);
                return 2;
            }

            ServiceProvider services;
            try
            {
                services = LocalServices.Build(LocalServices.Configuration(embeddedOnly: true, overrides), time);
            }
            catch (OptionsValidationException exception)
            {
                await Console.Error.WriteLineAsync(exception.Message);
                return 1;
            }

            await using var _ = services;
            var session = new ChatSession(services.GetRequiredService<ITextLineService>(), services.GetService<IFollowUpProcessor>(), time, options)
            {
                Handoffs = services.GetService<IHandoffDispatcher>(),
            };
            return await session.RunAsync(Console.In, Console.Out, interactive: !Console.IsInputRedirected && !options.Json, cancellationToken);
        });
        return command;
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}

/// <summary>One chat session: reads lines, texts the line, prints replies with their SMS cost.</summary>
internal sealed class ChatSession(ITextLineService line, IFollowUpProcessor? followUps, ShiftableTimeProvider time, ChatSession.Settings settings)
{
    internal sealed record Settings(string From, string To, bool Json);

    /// <summary>Emails call-back requests right after each text, as the timer would within the minute.</summary>
    public IHandoffDispatcher? Handoffs { get; init; }

    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<int> RunAsync(TextReader input, TextWriter output, bool interactive, CancellationToken cancellationToken)
    {
        if (interactive)
        {
            AnsiConsole.MarkupLine("[grey]Text the line as you would from a phone. Try [bold]hi[/], [bold]he was so rude[/], [bold]WORDS[/], [bold]HELP[/].[/]");
            AnsiConsole.MarkupLine("[grey]/wait 3h moves the clock and sends due follow-ups. /quit ends.[/]");
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            if (interactive)
            {
                AnsiConsole.Markup("[bold green]you>[/] ");
            }

            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null || line.Trim() is "/quit" or "/exit")
            {
                return 0;
            }

            if (line.StartsWith("/wait", StringComparison.OrdinalIgnoreCase))
            {
                await WaitAsync(line, output, interactive, cancellationToken);
                continue;
            }

            var reply = await TextAsync(line, cancellationToken);
            await PrintAsync(line, reply, output, interactive);
            await SendHandoffsAsync(output, interactive, cancellationToken);
        }

        return 0;
    }

    private async Task<LineReply> TextAsync(string body, CancellationToken cancellationToken)
    {
        var messageId = "SM" + Guid.NewGuid().ToString("N");
        return await line.HandleAsync(new InboundText(settings.From, settings.To, body, messageId), cancellationToken);
    }

    private async Task PrintAsync(string sent, LineReply reply, TextWriter output, bool interactive)
    {
        var segments = reply.Text is null ? (SmsSegments?)null : SmsSegments.Of(reply.Text);
        if (settings.Json)
        {
            var record = new { @in = sent, reply = reply.Text, segments = segments?.Count ?? 0, encoding = segments?.EncodingName, state = reply.State, situation = reply.Situation };
            await output.WriteLineAsync(JsonSerializer.Serialize(record, JsonOptions));
            return;
        }

        if (interactive)
        {
            if (segments is { } cost)
            {
                AnsiConsole.MarkupLine($"[bold blue]line>[/] {Markup.Escape(reply.Text!)}");
                AnsiConsole.MarkupLine($"[grey]      {cost.Count} segment(s), {cost.EncodingName}, {cost.Units} characters[/]");
            }
            else
            {
                AnsiConsole.MarkupLine(reply.Capped ? "[grey]line> (no reply: this number is past its reply cap, Limits__RepliesPerNumber)[/]" : "[grey]line> (no reply)[/]");
            }

            return;
        }

        await output.WriteLineAsync(segments is { } plain
            ? $"line> {reply.Text}\n      [{plain.Count} segment(s), {plain.EncodingName}, {plain.Units} characters]"
            : reply.Capped ? "line> (no reply: this number is past its reply cap, Limits__RepliesPerNumber)" : "line> (no reply)");
    }

    private async Task WaitAsync(string command, TextWriter output, bool interactive, CancellationToken cancellationToken)
    {
        var argument = command.Length > 5 ? command[5..].Trim() : "";
        if (!DurationParser.TryParse(argument, out var duration))
        {
            await output.WriteLineAsync("Usage: /wait <duration>, e.g. /wait 3h, /wait 90m, /wait 1d.");
            return;
        }

        time.Advance(duration);
        var note = $"(clock moved forward {argument}; now {time.GetUtcNow():yyyy-MM-dd HH:mm} UTC)";
        if (followUps is null)
        {
            await Report(note, output, interactive);
            return;
        }

        var result = await followUps.RunAsync(cancellationToken);
        await Report(note, output, interactive);
        foreach (var destination in result.Sent)
        {
            await Report($"(follow-up email written to {destination})", output, interactive);
        }

        if (result.Sent.Count == 0)
        {
            await Report("(no follow-up email was due)", output, interactive);
        }
    }

    private async Task SendHandoffsAsync(TextWriter output, bool interactive, CancellationToken cancellationToken)
    {
        if (Handoffs is null)
        {
            return;
        }

        var result = await Handoffs.RunAsync(cancellationToken);
        foreach (var destination in result.Sent.Where(_ => !settings.Json))
        {
            // Not in --json, whose every line is a reply: the email is in the outbox folder either way.
            await Report($"(handoff email written to {destination})", output, interactive);
        }
    }

    private static async Task Report(string text, TextWriter output, bool interactive)
    {
        if (interactive)
        {
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(text)}[/]");
        }
        else
        {
            await output.WriteLineAsync(text);
        }
    }
}
