using System.CommandLine;
using System.Globalization;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.Cli.Commands;

/// <summary><c>textline followups [--at &lt;time&gt;] [--send]</c>: lists due follow-ups, and sends them.</summary>
public static class FollowUpsCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="buildServices">
    /// Builds the same service provider as <c>chat</c> and <c>serve</c> around the given clock (the real
    /// one, or one shifted by <c>--at</c>). It must register the store, <see cref="IFollowUpProcessor"/>
    /// and that <see cref="TimeProvider"/>. The command disposes the provider when done.
    /// </param>
    /// <param name="clock">The real clock that <c>--at</c> shifts; the system clock unless a test brings its own.</param>
    public static Command Create(Func<TimeProvider, IServiceProvider> buildServices, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(buildServices);
        var realClock = clock ?? TimeProvider.System;
        var at = new Option<string?>("--at")
        {
            Description = "Pretend it is this time: an ISO 8601 time (2025-06-01T14:00Z) or an offset from now (+3h, +90m, +2d).",
        };
        var send = new Option<bool>("--send") { Description = "Send the due follow-ups (runs one sweep)." };
        var command = new Command("followups", "List the follow-up emails that are due; with --send, send them.") { at, send };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var time = realClock;
            if (parseResult.GetValue(at) is { } text)
            {
                var realNow = realClock.GetUtcNow();
                if (!TryParseTime(text, realNow, out var pretend))
                {
                    await parseResult.InvocationConfiguration.Error.WriteLineAsync(
                        $"--at: '{text}' is neither a time such as 2025-06-01T14:00Z nor an offset such as +3h.");
                    return 1;
                }

                time = new ShiftableTimeProvider(realClock, pretend - realNow);
            }

            var services = buildServices(time);
            try
            {
                await ListAsync(services, time, output, cancellationToken);
                if (parseResult.GetValue(send))
                {
                    await SendAsync(services, output, cancellationToken);
                }
            }
            finally
            {
                switch (services)
                {
                    case IAsyncDisposable asyncDisposable:
                        await asyncDisposable.DisposeAsync();
                        break;
                    case IDisposable disposable:
                        disposable.Dispose();
                        break;
                }
            }

            return 0;
        });
        return command;
    }

    /// <summary>Reads an absolute time, or an offset from <paramref name="now"/> such as <c>+3h</c>.</summary>
    public static bool TryParseTime(string text, DateTimeOffset now, out DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (DurationParser.TryParse(trimmed.TrimStart('+'), out var offset))
        {
            time = now + offset;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    private static async Task ListAsync(IServiceProvider services, TimeProvider time, TextWriter output, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IConversationStore>();
        var index = services.GetRequiredService<IFollowUpIndex>();
        var now = time.GetUtcNow();
        var due = await index.ReadDueAsync(now, after: null, 1000, cancellationToken);
        await output.WriteLineAsync($"Follow-ups due at {Format(now)}: {due.Count}");
        if (due.Count == 0)
        {
            return;
        }

        await output.WriteLineAsync($"{"due",-20}  {"status",-10}  {"attempts",8}  texter");
        foreach (var entry in due)
        {
            var stored = await store.ReadAsync(entry.Texter, cancellationToken);
            var followUp = stored?.Conversation.FollowUp;
            var dueAt = followUp is null ? entry.DueAt : Max(followUp.DueAt, followUp.NextAttemptAt);
            var status = followUp is null ? "gone" : Describe(followUp, stored!.Conversation, dueAt, now);
            var attempts = (followUp?.Attempts ?? 0).ToString(CultureInfo.InvariantCulture);
            await output.WriteLineAsync($"{Format(dueAt),-20}  {status,-10}  {attempts,8}  {TexterTag.For(entry.Texter, now)}");
        }
    }

    private static async Task SendAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<IFollowUpProcessor>().RunAsync(cancellationToken);
        foreach (var destination in result.Sent)
        {
            await output.WriteLineAsync($"Sent: {destination}");
        }

        await output.WriteLineAsync(
            $"{result.Sent.Count} sent, {result.Retried} to retry, {result.Failed} failed, {result.Skipped} skipped" +
            (result.StoppedEarly ? "; stopped at the run budget, run again to continue" : ""));
    }

    private static string Describe(FollowUp followUp, Conversation conversation, DateTimeOffset dueAt, DateTimeOffset now) =>
        followUp.Status switch
        {
            FollowUpStatus.Scheduled when conversation.OptedOut => "opted-out",
            FollowUpStatus.Scheduled when dueAt > now => "later",
            FollowUpStatus.Scheduled => "due",
            FollowUpStatus.Claimed => "claimed",
            FollowUpStatus.Sent => "sent",
            FollowUpStatus.Failed => "failed",
            _ => "cancelled",
        };

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset? b) => b is { } other && other > a ? other : a;

    private static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
}
