using System.Diagnostics.Metrics;
using Azure;
using Azure.Data.Tables;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Diagnostics;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Integration.Tests.Webhook;
using InterviewTextLine.TestKit.Azurite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace InterviewTextLine.Integration.Tests.Resilience;

/// <summary>
/// Safety and consent from outside: <c>textline serve</c> over HTTP with conversations in Table Storage on Azurite.
/// Danger is answered past the reply cap and in the other language; a plea for help gets the safety line and the
/// menu first; FORGET works after STOP; FORGET resets neither the reply cap nor the HELP cap; and a row that cannot
/// be read is a fresh start. Replies are read from the parsed TwiML and state from the stored rows.
/// </summary>
public sealed class SafetyAndConsentOverHttpTests(AzuriteAssemblyFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> DangerInEachLanguage => new()
    {
        { "hi", "he grabbed me and won't let me leave" },
        { "hi", "I'm scared, he has a knife" },
        { "hi", "me agarro del brazo y no me deja salir" },
        { "ESPAÑOL", "me agarró del brazo y no me deja salir" },
        { "ESPAÑOL", "tiene un cuchillo" },
        { "ESPAÑOL", "he grabbed me and won't let me leave" },
    };

    [Theory]
    [MemberData(nameof(DangerInEachLanguage))]
    public async Task Danger_is_answered_past_the_reply_cap(string first, string danger)
    {
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString);
        var cap = new LimitsOptions().RepliesPerNumber;
        // Fifteen texts in ten minutes: the menu, advice, its words and reasons.
        string[] chatter = [first, "2", .. Enumerable.Range(0, cap - 2).Select(i => i % 2 == 0 ? "WORDS" : "WHY")];
        foreach (var body in chatter)
        {
            Assert.Single(await RepliesAsync(line, body));
        }

        Assert.Empty(await RepliesAsync(line, "WORDS"));
        var capped = await StoredState.SnapshotAsync(line);

        var reply = Assert.Single(await RepliesAsync(line, danger));

        AssertSafetyAdviceFirst(line, reply);
        var row = await StoredState.ConversationAsync(line);
        Assert.Equal("safety", row.GetString("StateId"));
        Assert.Equal(cap + 1, row.GetInt32("Replies"));
        Assert.NotEqual(capped, await StoredState.SnapshotAsync(line));

        // Only danger got through: anything else is still capped.
        Assert.Empty(await RepliesAsync(line, "WORDS"));
    }

    [Theory]
    [InlineData("hi", "me agarro del brazo", "es")]
    [InlineData("hi", "tengo miedo, me encerro en la oficina", "es")]
    [InlineData("ESPAÑOL", "he grabbed me", "en")]
    [InlineData("ESPAÑOL", "he pulled a gun", "en")]
    public async Task Danger_in_the_other_language_mid_conversation_gets_the_safety_advice(string first, string danger, string dangerLanguage)
    {
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString);
        Assert.Single(await RepliesAsync(line, first));
        Assert.Single(await RepliesAsync(line, "2"));
        Assert.Equal("leave_now", (await StoredState.ConversationAsync(line)).GetString("StateId"));

        var reply = Assert.Single(await RepliesAsync(line, danger));

        AssertSafetyAdviceFirst(line, reply);
        var row = await StoredState.ConversationAsync(line);
        Assert.Equal("safety", row.GetString("StateId"));
        Assert.Equal("safety", row.GetString("Situation"));
        Assert.Contains(row.GetString("Language"), new[] { dangerLanguage, first == "hi" ? "en" : "es" });
    }

    [Theory]
    [InlineData("help me")]
    [InlineData("pls help")]
    [InlineData("HELP!!")]
    [InlineData("ayudame")]
    [InlineData("ayúdame por favor")]
    public async Task A_plea_for_help_gets_the_safety_line_and_the_menu_in_its_first_screen(string plea)
    {
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString);

        var first = Assert.Single(await RepliesAsync(line, plea));
        Assert.Single(await RepliesAsync(line, "2"));
        var midConversation = Assert.Single(await RepliesAsync(line, plea));

        AssertSafetyLineAndMenuFirst(first, plea);
        AssertSafetyLineAndMenuFirst(midConversation, plea);
        Assert.StartsWith("Unsafe? Leave and call 911.", Message(line, MessageKeys.Help), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forget_after_stop_erases_everything_but_the_opt_out_and_the_line_stays_silent_until_start()
    {
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString);
        var texter = Texter(line);
        foreach (var body in new[] { "hi", "5", "EMAIL x@example.org" })
        {
            Assert.Single(await RepliesAsync(line, body));
        }

        Assert.Empty(await RepliesAsync(line, "STOP"));
        Assert.Contains(await RowsAsync(line.FollowUps), row => row.GetString("Texter") == texter);

        Assert.Empty(await RepliesAsync(line, "FORGET"));

        var left = Assert.Single(await RowsAsync(line.Conversations), row => row.PartitionKey == texter);
        Assert.True(left.GetBoolean("OptedOut"));
        Assert.Equal(line.Get<ConversationEngine>().Script.Start, left.GetString("StateId"));
        Assert.Equal("[]", left.GetString("Path"));
        Assert.Equal("[]", left.GetString("Situations"));
        foreach (var gone in new[] { "Email", "Receipts", "Situation", "Language", "FollowUpStatus", "FollowUpDueAt" })
        {
            Assert.False(left.ContainsKey(gone), $"FORGET after STOP left {gone}.");
        }

        Assert.DoesNotContain(await RowsAsync(line.FollowUps), row => row.GetString("Texter") == texter);

        // Silent, and changing nothing, to anything but an opt-in word.
        var before = await StoredState.SnapshotAsync(line);
        Assert.Empty(await RepliesAsync(line, "hello?"));
        Assert.Empty(await RepliesAsync(line, "he grabbed me"));
        Assert.Equal(before, await StoredState.SnapshotAsync(line));
        Assert.Equal([StateText(line, "welcome")], await RepliesAsync(line, "START"));
        Assert.False((await StoredState.ConversationAsync(line)).GetBoolean("OptedOut"));
    }

    [Fact]
    public async Task The_reply_cap_holds_across_forget_and_twenty_forgets_get_no_replies_and_leave_no_records()
    {
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString);
        var cap = new LimitsOptions().RepliesPerNumber;
        var texter = Texter(line);
        for (var i = 0; i < cap; i++)
        {
            Assert.Single(await RepliesAsync(line, i == 0 ? "hi" : "WORDS"));
        }

        Assert.Empty(await RepliesAsync(line, "WORDS"));

        // FORGET past the cap erases, without a reply; only the cap's count stays, until its window closes.
        Assert.Empty(await RepliesAsync(line, "FORGET"));
        var tally = Assert.Single(await RowsAsync(line.Conversations), row => row.PartitionKey == texter);
        Assert.Equal(cap, tally.GetInt32("Replies"));
        Assert.NotNull(tally.GetDateTimeOffset("TallyUntil"));
        string[] system = ["PartitionKey", "RowKey", "Timestamp", "odata.etag"];
        Assert.Equal(["HelpReplies", "Replies", "RepliesSince", "TallyUntil"], tally.Keys.Except(system).Order(StringComparer.Ordinal));
        var forgotten = (await RowsAsync(line.Conversations)).Count(row => row.PartitionKey == "forgotten");

        var replies = 0;
        for (var i = 0; i < 20; i++)
        {
            replies += (await RepliesAsync(line, "FORGET")).Count;
            replies += (await RepliesAsync(line, "hi")).Count;
        }

        Assert.Equal(0, replies);
        Assert.Equal(forgotten, (await RowsAsync(line.Conversations)).Count(row => row.PartitionKey == "forgotten"));
        Assert.Single(await RowsAsync(line.Conversations), row => row.PartitionKey == texter);
    }

    [Fact]
    public async Task Help_is_capped_after_a_few_a_window_and_a_help_twilio_answered_gets_no_second_reply()
    {
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString);
        var limits = new LimitsOptions();

        var replies = new List<int>();
        for (var i = 0; i < limits.HelpPerWindow + 3; i++)
        {
            replies.Add((await RepliesAsync(line, i % 2 == 0 ? "HELP" : "INFO")).Count);
        }

        Assert.Equal(limits.HelpPerWindow, replies.Sum());
        Assert.All(replies.Skip(limits.HelpPerWindow), count => Assert.Equal(0, count));
        Assert.Equal(limits.HelpPerWindow, (await StoredState.ConversationAsync(line)).GetInt32("HelpReplies"));
        Assert.Contains(line.Logs.GetSnapshot(), record => record.Id.Id == 1104 && record.Message.Contains("Help", StringComparison.Ordinal));

        // Advanced Opt-Out answered this one itself (OptOutType=HELP): nothing more, from a number the line never saw.
        var answered = InboundSms.Text("HELP").With("From", "+14155550188").With("OptOutType", "HELP");
        var before = await StoredState.SnapshotAsync(line);
        using var response = await line.TextAsync(answered);
        Assert.Empty(await Twiml.MessagesAsync(response));
        Assert.Equal(before, await StoredState.SnapshotAsync(line));
    }

    [Fact]
    public async Task A_row_that_cannot_be_read_is_a_fresh_start_that_replaces_it_and_forget_still_erases_it()
    {
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString);
        using var unreadable = new MetricCollector<long>(line.Get<IMeterFactory>(), TextLineMetrics.MeterName, "textline.storage.unreadable");
        var texter = Texter(line);
        Assert.Single(await RepliesAsync(line, "hi"));
        Assert.Single(await RepliesAsync(line, "1"));
        await CorruptAsync(line, texter, "Path", "[\"welcome\", not json");

        var reply = Assert.Single(await RepliesAsync(line, "2"));

        Assert.Equal(StateText(line, "leave_now"), reply);
        var replaced = await StoredState.ConversationAsync(line);
        Assert.Equal("[\"leave_now\"]", replaced.GetString("Path"));
        Assert.Equal(1, replaced.GetInt32("Replies"));
        Assert.Equal(1, unreadable.GetMeasurementSnapshot().Sum(measurement => measurement.Value));
        var logs = line.Logs.GetSnapshot();
        Assert.Contains(logs, record => record.Id.Id == 4005);
        Assert.Contains(logs, record => record.Id.Id == 1105);
        Assert.All(logs.Where(record => record.Id.Id is 4005 or 1105), record =>
        {
            Assert.DoesNotContain(InboundSms.TexterNumber, record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("not json", record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(texter, record.Message, StringComparison.Ordinal);
        });

        // Corrupt again, in another column: FORGET still erases (and confirms).
        await CorruptAsync(line, texter, "StartedAt", "yesterday");
        Assert.Equal([Message(line, MessageKeys.Forgotten)], await RepliesAsync(line, "FORGET"));
        var left = Assert.Single(await RowsAsync(line.Conversations), row => row.PartitionKey == texter);
        Assert.False(left.ContainsKey("StateId"));
        Assert.False(left.ContainsKey("Path"));
        Assert.Equal(2, unreadable.GetMeasurementSnapshot().Sum(measurement => measurement.Value));
    }

    [Fact]
    public async Task Done_after_a_saved_address_does_not_ask_for_the_address_again()
    {
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString);
        Assert.Single(await RepliesAsync(line, "2"));
        Assert.Single(await RepliesAsync(line, "EMAIL pat@example.org"));

        var closing = Assert.Single(await RepliesAsync(line, "DONE"));

        Assert.Equal(Message(line, MessageKeys.ClosingEmailSaved), closing);
        Assert.DoesNotContain("EMAIL and your address", closing, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<string>> RepliesAsync(ServedLine line, string body)
    {
        using var response = await line.TextAsync(InboundSms.Text(body));
        return await Twiml.MessagesAsync(response);
    }

    private static string Texter(ServedLine line) => line.Get<PhoneHasher>().Texter(InboundSms.TexterNumber, InboundSms.LineNumber).Value;

    private static string StateText(ServedLine line, string state)
    {
        var engine = line.Get<ConversationEngine>();
        return engine.Render(engine.Script.State(state).Text);
    }

    private static string Message(ServedLine line, string key)
    {
        var engine = line.Get<ConversationEngine>();
        return engine.Render(engine.Script.Message(key));
    }

    /// <summary>The safety advice in either language: to leave and the emergency number, in the first SMS.</summary>
    private static void AssertSafetyAdviceFirst(ServedLine line, string reply)
    {
        var languages = line.Get<LineLanguages>();
        var screen = reply[..Math.Min(reply.Length, 160)];
        Assert.Contains(languages.Engines, engine =>
            FlowValidator.LeavePattern(engine.Script).IsMatch(screen)
            && screen.Contains("911", StringComparison.Ordinal)
            && reply == engine.Render(engine.Script.State(engine.Script.Situations[engine.Script.Urgent!].Entry).Text));
    }

    private static void AssertSafetyLineAndMenuFirst(string reply, string sent)
    {
        var screen = reply[..Math.Min(reply.Length, 160)];
        Assert.True(
            (screen.Contains("Unsafe? ", StringComparison.Ordinal) || screen.Contains("Peligro? ", StringComparison.Ordinal)) && screen.Contains("911", StringComparison.Ordinal),
            $"\"{sent}\" got no safety line first: {reply}");
        Assert.True(screen.Contains("MENU", StringComparison.Ordinal) || screen.Contains("\n1 ", StringComparison.Ordinal), $"\"{sent}\" got no way to advice first: {reply}");
    }

    /// <summary>Writes <paramref name="value"/> over one column of the texter's conversation row, as a bad migration or a hand edit would.</summary>
    private static async Task CorruptAsync(ServedLine line, string texter, string column, string value)
    {
        var row = (await line.Conversations.GetEntityAsync<TableEntity>(texter, "conversation", cancellationToken: Cancellation)).Value;
        row[column] = value;
        await line.Conversations.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace, Cancellation);
    }

    private static async Task<List<TableEntity>> RowsAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: Cancellation))
        {
            rows.Add(row);
        }

        return rows;
    }
}
