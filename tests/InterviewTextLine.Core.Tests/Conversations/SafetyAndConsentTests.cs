using System.Diagnostics.Metrics;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Diagnostics;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.TestKit.Builders;
using InterviewTextLine.TestKit.Lines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace InterviewTextLine.Core.Tests.Conversations;

/// <summary>
/// Consent and the caps in every state: FORGET after STOP, a reply cap and a HELP cap that FORGET cannot reset,
/// one summary per address per day, and the closing that does not ask for EMAIL twice.
/// </summary>
public sealed class SafetyAndConsentTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("FORGET")]
    [InlineData("delete")]
    [InlineData("BORRAR")]
    public async Task Forget_after_stop_erases_everything_but_the_opt_out_and_says_nothing(string forget)
    {
        await using var line = LineHarness.Create();
        await line.Text("hi");
        await line.Text("5");
        await line.Text("EMAIL pat@example.org");
        await line.Text("STOP");

        var reply = await line.Text(forget);

        Assert.Null(reply);
        var left = (await line.Conversation())!;
        Assert.True(left.OptedOut);
        Assert.Equal(line.Script.Start, left.StateId);
        Assert.Null(left.Situation);
        Assert.Empty(left.Path);
        Assert.Empty(left.Situations);
        Assert.Null(left.Email);
        Assert.Null(left.FollowUp);
        Assert.Null(left.Language);
        Assert.Empty(left.Receipts);
        Assert.Equal(0, left.AddressesGiven);
        Assert.Empty(await line.Store.ReadDueAsync(DateTimeOffset.MaxValue, null, 10, Cancellation));

        // Still opted out: silent to everything but START, which gets the welcome.
        Assert.Null(await line.Text("hello?"));
        Assert.Null(await line.Text("HELP"));
        Assert.Equal(left, await line.Conversation());
        Assert.Equal(line.StateText("welcome"), await line.Text("START"));
        Assert.False((await line.Conversation())!.OptedOut);
    }

    [Fact]
    public async Task Forget_after_stop_delivered_again_changes_nothing()
    {
        await using var line = LineHarness.Create();
        await line.Text("2");
        await line.Text("STOP");
        await line.Text("FORGET", messageId: "SMforget");
        var texter = line.Hasher.Texter(LineHarness.Texter, LineHarness.LineNumber);
        var before = await line.Store.ReadAsync(texter, Cancellation);

        Assert.Null(await line.Text("FORGET", messageId: "SMforget"));

        Assert.Equal(before, await line.Store.ReadAsync(texter, Cancellation));
    }

    [Fact]
    public async Task The_reply_cap_survives_forget_and_forget_past_the_cap_still_erases_but_silently()
    {
        await using var line = LineHarness.Create([new("Limits:RepliesPerNumber", "3")]);
        await line.Text("hi");
        await line.Text("2");
        await line.Text("EMAIL pat@example.org");
        Assert.Null(await line.Text("WORDS"));

        Assert.Null(await line.Text("FORGET"));

        Assert.Null(await line.Conversation());
        Assert.Empty(await line.Store.ReadDueAsync(DateTimeOffset.MaxValue, null, 10, Cancellation));
        var tally = (await Snapshot(line)).Tally!;
        Assert.Equal(3, tally.Replies);
        Assert.Equal(tally.Since + new LimitsOptions().ReplyWindow, tally.Until);
        Assert.Null(await line.Text("hi"));
        Assert.Null(await line.Text("FORGET"));
        Assert.Null(await line.Conversation());

        line.Time.Advance(new LimitsOptions().ReplyWindow);
        Assert.Equal(line.StateText("welcome"), await line.Text("hi"));
        Assert.Equal(1, (await line.Conversation())!.Replies);
    }

    [Fact]
    public async Task Twenty_forgets_get_the_capped_number_of_replies_and_leave_as_many_forget_records()
    {
        await using var line = LineHarness.Create([new("Limits:RepliesPerNumber", "5")]);

        var replies = new List<string?>();
        for (var i = 0; i < 20; i++)
        {
            replies.Add(await line.Text("FORGET"));
        }

        Assert.Equal(5, replies.Count(reply => reply is not null));
        Assert.All(replies.Take(5), reply => Assert.Equal(line.Message(MessageKeys.Forgotten), reply));
        var page = await line.Store.ReadPageAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, DateTimeOffset.MinValue, null, 1000, Cancellation);
        Assert.Equal(5, page.Leftovers.Count(key => key.StartsWith("forgotten/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Danger_is_answered_past_the_cap_a_forget_left_behind()
    {
        await using var line = LineHarness.Create([new("Limits:RepliesPerNumber", "2")]);
        await line.Text("hi");
        await line.Text("2");
        Assert.Null(await line.Text("FORGET"));
        Assert.Null(await line.Text("2"));

        var reply = await line.Text("he grabbed me and won't let me leave");

        Assert.Equal(line.StateText("safety"), reply);
        Assert.Equal(3, (await line.Conversation())!.Replies);
    }

    [Fact]
    public async Task Help_gets_a_few_replies_a_window_past_the_reply_cap_too_and_then_none()
    {
        await using var line = LineHarness.Create([new("Limits:RepliesPerNumber", "2"), new("Limits:HelpPerWindow", "3")]);
        var meterFactory = line.Services.GetRequiredService<IMeterFactory>();
        using var limits = new MetricCollector<long>(meterFactory, TextLineMetrics.MeterName, "textline.limits");
        await line.Text("hi");
        await line.Text("2");
        Assert.Null(await line.Text("WORDS"));

        var help = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            help.Add(await line.Text(i % 2 == 0 ? "HELP" : "info"));
        }

        Assert.Equal(3, help.Count(reply => reply is not null));
        Assert.All(help.Take(3), reply => Assert.StartsWith("Unsafe? Leave and call 911.", reply, StringComparison.Ordinal));
        Assert.All(help.Skip(3), reply => Assert.Null(reply));
        Assert.Contains(limits.GetMeasurementSnapshot(), measurement => Equals(measurement.Tags["limit"], "help"));
        Assert.Equal(3, (await line.Conversation())!.HelpReplies);

        line.Time.Advance(new LimitsOptions().ReplyWindow);
        Assert.NotNull(await line.Text("HELP"));
    }

    [Fact]
    public async Task The_help_cap_holds_within_the_reply_cap_and_across_forget()
    {
        await using var line = LineHarness.Create([new("Limits:HelpPerWindow", "2")]);
        Assert.NotNull(await line.Text("HELP"));
        Assert.NotNull(await line.Text("FORGET"));
        Assert.NotNull(await line.Text("HELP"));

        Assert.Null(await line.Text("HELP"));
        Assert.Equal(line.StateText("welcome"), await line.Text("hi"));
    }

    [Fact]
    public async Task A_help_twilio_already_answered_gets_no_second_reply_and_touches_nothing()
    {
        await using var line = LineHarness.Create();
        await line.Text("2");
        var before = await line.Conversation();

        var reply = await line.Service.HandleAsync(
            new InboundText(LineHarness.Texter, LineHarness.LineNumber, "HELP", "SMtwilio") { OptOutType = "HELP" }, Cancellation);

        Assert.True(reply.IsSilent);
        Assert.Equal(before, await line.Conversation());
        Assert.Equal(line.Message(MessageKeys.Help), await line.Text("HELP"));
    }

    [Fact]
    public async Task Done_after_a_saved_address_does_not_ask_for_email_again()
    {
        await using var line = LineHarness.Create();
        await line.Text("2");
        await line.Text("EMAIL pat@example.org");

        var closing = await line.Text("DONE");

        Assert.Equal(line.Message(MessageKeys.ClosingEmailSaved), closing);
        Assert.DoesNotContain("EMAIL + your address", closing, StringComparison.Ordinal);
        Assert.Contains("NOEMAIL", closing, StringComparison.Ordinal);
        Assert.Equal("done", (await line.Conversation())!.StateId);

        // Without a summary on its way, the closing offers one.
        await line.Text("NOEMAIL");
        Assert.Equal(line.StateText("done"), await line.Text("DONE"));
        Assert.Contains("Reply EMAIL + your address", line.StateText("done"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fin_after_a_saved_address_does_not_ask_for_correo_again()
    {
        await using var line = LineHarness.Create();
        await line.Text("ESPAÑOL");
        await line.Text("2");
        await line.Text("CORREO ana@example.org");

        var closing = await line.Text("FIN");

        var spanish = line.Languages.For("es");
        Assert.Equal(spanish.Render(spanish.Script.Message(MessageKeys.ClosingEmailSaved)), closing);
        Assert.DoesNotContain("CORREO y tu", closing, StringComparison.Ordinal);
        Assert.Contains("CORREO y tu", spanish.Render(spanish.Script.State("done").Text), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_gets_one_summary_a_day_whatever_number_asks_and_however_often_it_forgets()
    {
        await using var line = LineHarness.Create();
        var meterFactory = line.Services.GetRequiredService<IMeterFactory>();
        using var limits = new MetricCollector<long>(meterFactory, TextLineMetrics.MeterName, "textline.limits");
        const string Other = "+15555550111";
        await line.Text("2");
        Assert.Equal(line.Message(MessageKeys.EmailSaved), await line.Text("EMAIL Pat@Example.org"));

        // The same conversation may give it again (after NOEMAIL, say); another number and a forgotten one may not.
        await line.Text("NOEMAIL");
        Assert.Equal(line.Message(MessageKeys.EmailSaved), await line.Text("EMAIL pat@example.org"));
        await line.Text("2", Other);
        Assert.Equal(line.Message(MessageKeys.EmailLimit), await line.Text("EMAIL pat@example.org", Other));
        line.Time.Advance(TimeSpan.FromMinutes(1));
        await line.Text("FORGET");
        line.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(line.Message(MessageKeys.EmailLimit), await line.Text("EMAIL pat@example.org"));
        Assert.Null((await line.Conversation())!.FollowUp);
        Assert.Equal(line.Message(MessageKeys.EmailSaved), await line.Text("EMAIL sam@example.org"));
        Assert.Contains(limits.GetMeasurementSnapshot(), measurement => Equals(measurement.Tags["limit"], "summaries"));

        line.Time.Advance(ConversationEngine.AddressClaimDuration - TimeSpan.FromMinutes(2));
        Assert.Equal(line.Message(MessageKeys.EmailSaved), await line.Text("EMAIL pat@example.org", Other));
    }

    [Theory]
    [InlineData("help me")]
    [InlineData("pls help")]
    [InlineData("HELP!!")]
    [InlineData("please help me")]
    [InlineData("ayudame")]
    [InlineData("ayúdame por favor")]
    public async Task A_plea_for_help_gets_the_safety_line_and_the_way_to_advice_in_its_first_screen(string plea)
    {
        await using var line = LineHarness.Create();
        var first = await line.Text(plea);
        await line.Text("2", "+15555550111");
        var midConversation = await line.Text(plea, "+15555550111");

        AssertSafetyLineAndMenuFirst(first, plea);
        AssertSafetyLineAndMenuFirst(midConversation, plea);
    }

    [Theory]
    [InlineData("help me", true)]
    [InlineData("PLS HELP!!", true)]
    [InlineData("i need help now", true)]
    [InlineData("Ayúdame, por favor", true)]
    [InlineData("socorro", true)]
    [InlineData("help me with the salary", false)]
    [InlineData("me", false)]
    [InlineData("please", false)]
    [InlineData("helpful", false)]
    [InlineData("help help help help help help help", false)]
    public void A_plea_for_help_is_a_help_word_and_only_the_small_words_around_one(string text, bool plea) =>
        Assert.Equal(plea, TestKeywords.BuiltIn.IsPleaForHelp(Understanding.TextReading.Of(text).Words));

    [Fact]
    public async Task Help_said_with_what_it_is_for_is_read_for_its_meaning()
    {
        await using var line = LineHarness.Create();

        Assert.Equal(line.StateText("dealbreaker"), await line.Text("help me, the salary is way too low"));
    }

    /// <summary>The first SMS of <paramref name="reply"/> names the emergency number with the safety line, and the menu or MENU.</summary>
    internal static void AssertSafetyLineAndMenuFirst(string? reply, string sent)
    {
        Assert.True(reply is not null, $"\"{sent}\" got no reply.");
        var screen = reply[..Math.Min(reply.Length, 160)];
        Assert.True(
            (screen.Contains("Unsafe? ", StringComparison.Ordinal) || screen.Contains("Peligro? ", StringComparison.Ordinal)) && screen.Contains("911", StringComparison.Ordinal),
            $"\"{sent}\" got no safety line first: {reply}");
        Assert.True(
            screen.Contains("MENU", StringComparison.Ordinal) || screen.Contains("\n1 ", StringComparison.Ordinal),
            $"\"{sent}\" got no way to advice first: {reply}");
    }

    private static Task<ConversationSnapshot> Snapshot(LineHarness line) =>
        line.Store.ReadForMessageAsync(line.Hasher.Texter(LineHarness.Texter, LineHarness.LineNumber), "SMnone", Cancellation);
}
