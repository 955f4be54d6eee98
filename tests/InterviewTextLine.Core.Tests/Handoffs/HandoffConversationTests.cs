using System.Diagnostics.Metrics;
using InterviewTextLine.Core.Diagnostics;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Handoffs;
using InterviewTextLine.TestKit.Lines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace InterviewTextLine.Core.Tests.Handoffs;

/// <summary>
/// TALK through the line as the webhook runs it, on the in-memory store: the consent question, YES and NO, the one
/// email the office gets, what STOP and FORGET cancel, the office hours and the one handoff a day.
/// </summary>
public sealed class HandoffConversationTests
{
    private const string Number = "+15555550100";

    [Fact]
    public async Task Talk_then_yes_gives_exactly_one_email_to_the_inbox_with_the_number_the_language_and_the_situations_in_order()
    {
        await using var line = HandoffLine.Create();
        await line.Text("2");
        await line.Text("5");

        var consent = await line.Text("TALK");
        var confirmed = await line.Text("yes");
        var first = await line.SendAsync();
        var second = await line.SendAsync();

        Assert.Equal("Share this number with Career Services (local) so a person contacts you today? FORGET can't undo it once sent. Reply YES or NO.", consent);
        Assert.StartsWith("Thanks. Career Services (local) has your number and will call or text you today.", confirmed);
        var email = Assert.Single(line.Sender.Sent);
        Assert.Single(first.Sent);
        Assert.Empty(second.Sent);
        Assert.Equal(HandoffLine.Inbox, email.To);
        Assert.Contains("Number: " + Number, email.Text, StringComparison.Ordinal);
        Assert.Contains("Language: English (en)", email.Text, StringComparison.Ordinal);
        Assert.Contains("1. The interviewer was rude or hostile\n2. They asked something they shouldn't\n", email.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Asked at: Monday 2 March 2026, 09:00 America/New_York", email.Text, StringComparison.Ordinal);
        Assert.Contains("+15555550100", email.Html, StringComparison.Ordinal);
        Assert.Empty(line.Harness.Store.OutboxRows());
        var handoff = (await line.Harness.Conversation())!.Handoff!;
        Assert.Equal((HandoffStatus.Sent, line.Harness.Time.GetUtcNow()), (handoff.Status, handoff.SentAt!.Value));
    }

    [Theory]
    [InlineData("TALK")]
    [InlineData("talk.")]
    [InlineData("talk to a person")]
    [InlineData("Can someone call me?")]
    [InlineData("i want to talk to someone please")]
    [InlineData("Counselor")]
    public async Task A_request_for_a_person_asks_for_consent_in_any_state_and_then_yes_means_share_not_the_states_yes(string request)
    {
        await using var line = HandoffLine.Create();
        await line.Text("1");

        var consent = await line.Text(request);
        var confirmed = await line.Text("YES");

        Assert.StartsWith("Share this number with", consent);
        Assert.StartsWith("Thanks.", confirmed);
        Assert.Equal("dealbreaker", (await line.Harness.Conversation())!.StateId);
        Assert.Single(line.Harness.Store.OutboxRows());
    }

    [Theory]
    [InlineData("hey its your uncle, call me back")]
    [InlineData("he wont stop talking")]
    public async Task A_text_that_merely_mentions_calling_or_talking_is_not_a_request(string text)
    {
        await using var line = HandoffLine.Create();

        var reply = await line.Text(text);

        Assert.DoesNotContain("Share this number", reply, StringComparison.Ordinal);
        Assert.Null((await line.Harness.Conversation())!.Handoff);
    }

    [Fact]
    public async Task Hablar_asks_in_one_spanish_segment_and_si_shares()
    {
        await using var line = HandoffLine.Create();
        await line.Text("ESPAÑOL");

        var consent = await line.Text("HABLAR");
        var confirmed = await line.Text("sí");
        await line.SendAsync();

        Assert.Equal("¿Compartimos tu numero con Career Services (local) para que te contacten hoy? Una vez enviado, BORRAR no lo deshace. SI o NO.", consent);
        Assert.Equal(1, InterviewTextLine.Core.Sms.SmsSegments.Of(consent!).Count);
        Assert.StartsWith("Gracias. Career Services (local) tiene tu numero", confirmed);
        Assert.Contains("Language: Spanish (es)", Assert.Single(line.Sender.Sent).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_keeps_the_number_and_nothing_is_queued_or_sent()
    {
        await using var line = HandoffLine.Create();
        await line.Text("TALK");

        var reply = await line.Text("no thanks");
        var sweep = await line.SendAsync();

        Assert.StartsWith("OK, your number stays private.", reply);
        Assert.Empty(line.Harness.Store.OutboxRows());
        Assert.Empty(sweep.Sent);
        Assert.Empty(line.Sender.Sent);
        Assert.Null((await line.Harness.Conversation())!.Handoff);
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData("FORGET")]
    public async Task Stop_or_forget_before_the_email_is_sent_cancels_it_and_takes_the_number_out_of_the_outbox(string word)
    {
        await using var line = HandoffLine.Create();
        await line.Text("TALK");
        await line.Text("yes");
        Assert.Single(line.Harness.Store.OutboxRows());

        await line.Text(word);
        var sweep = await line.SendAsync();

        Assert.Empty(line.Harness.Store.OutboxRows());
        Assert.Empty(sweep.Sent);
        Assert.Empty(line.Sender.Sent);
        Assert.Equal(word == "STOP" ? HandoffStatus.Cancelled : null, (await line.Harness.Conversation())?.Handoff?.Status);
    }

    [Fact]
    public async Task Stop_that_lands_after_the_row_was_read_but_before_the_claim_still_wins()
    {
        await using var line = HandoffLine.Create();
        await line.Text("TALK");
        await line.Text("yes");
        var row = Assert.Single(line.Harness.Store.OutboxRows());
        await line.Text("STOP");

        // The row as a sender that read it before the STOP would see it.
        await line.Harness.Store.AddAsync(row, TestContext.Current.CancellationToken);
        var sweep = await line.SendAsync();

        Assert.Equal(1, sweep.Dropped);
        Assert.Empty(line.Sender.Sent);
    }

    [Theory]
    [InlineData(4, 9, "en", "Monday from 9am")] // Friday 18:00 (the clock starts on Monday at 9:00)
    [InlineData(5, 1, "en", "Monday from 9am")] // Saturday 10:00
    [InlineData(3, 8, "en", "tomorrow from 9am")] // Thursday 17:00, closing time
    [InlineData(1, -2, "en", "today from 9am")] // Tuesday 07:00
    [InlineData(4, 9, "es", "el lunes desde las 9")]
    public async Task Outside_office_hours_the_replies_name_the_next_opening(int days, int hours, string language, string opening)
    {
        await using var line = HandoffLine.Create();
        line.Harness.Time.Advance(TimeSpan.FromDays(days) + TimeSpan.FromHours(hours));
        if (language == "es")
        {
            await line.Text("ESPAÑOL");
        }

        var consent = await line.Text(language == "es" ? "HABLAR" : "TALK");
        var confirmed = await line.Text(language == "es" ? "si" : "yes");

        Assert.True(consent!.Contains(opening + "?", StringComparison.Ordinal), consent);
        Assert.True(confirmed!.Contains(opening + ".", StringComparison.Ordinal), confirmed);
        Assert.Contains(opening + ".", confirmed, StringComparison.Ordinal);
        Assert.Equal(1, InterviewTextLine.Core.Sms.SmsSegments.Of(consent!).Count);
    }

    [Fact]
    public async Task A_second_request_the_same_day_is_refused_even_after_forget_and_a_day_later_it_is_asked_again()
    {
        await using var line = HandoffLine.Create();
        await line.Text("TALK");
        await line.Text("yes");
        await line.SendAsync();

        var again = await line.Text("talk to a person");
        await line.Text("FORGET");
        var afterForget = await line.Text("TALK");
        var refused = await line.Text("yes");
        line.Harness.Time.Advance(TimeSpan.FromDays(1));
        var nextDay = await line.Text("TALK");

        Assert.StartsWith("Career Services (local) already has your request from today", again);
        Assert.StartsWith("Share this number with", afterForget);
        Assert.StartsWith("Career Services (local) already has your request from today", refused);
        Assert.StartsWith("Share this number with", nextDay);
        Assert.Empty(line.Harness.Store.OutboxRows());
        Assert.Single(line.Sender.Sent);
    }

    [Fact]
    public async Task Danger_while_the_question_is_open_gets_the_safety_advice_first_and_a_later_yes_shares_nothing()
    {
        await using var line = HandoffLine.Create();
        await line.Text("TALK");

        var danger = await line.Text("he pulled a knife");
        await line.Text("yes");

        Assert.StartsWith("Leave now.", danger);
        Assert.Empty(line.Harness.Store.OutboxRows());
        Assert.Null((await line.Harness.Conversation())!.Handoff);
    }

    [Fact]
    public async Task The_danger_advice_offers_talk_once_safe_and_a_request_then_names_the_safety_situation()
    {
        await using var line = HandoffLine.Create();
        await line.Text("he pulled a knife");

        var safe = await line.Text("OUT");
        await line.Text("TALK");
        var confirmed = await line.Text("yes");
        await line.SendAsync();

        Assert.Contains("TALK to have them contact you.", safe, StringComparison.Ordinal);
        Assert.Contains("In danger? Leave and call 911 first.", confirmed, StringComparison.Ordinal);
        Assert.Contains("1. You felt unsafe", Assert.Single(line.Sender.Sent).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5", "FINE")]
    [InlineData("5", "LEAVE")]
    [InlineData("1", "DONE")]
    public async Task After_an_off_limits_question_and_in_the_closing_the_line_offers_talk(string first, string then)
    {
        await using var line = HandoffLine.Create();
        await line.Text(first);

        var reply = await line.Text(then);

        Assert.Contains("TALK", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_feature_off_talk_gets_the_contact_details_and_asks_nothing()
    {
        await using var line = HandoffLine.Create(new Dictionary<string, string?> { ["Handoff:Email"] = "" });
        await line.Text("1");

        var reply = await line.Text("TALK");
        await line.Text("yes");

        Assert.StartsWith("To talk to a person: Career Services (local), careers@example.edu. Did they offer something?", reply);
        Assert.Null((await line.Harness.Conversation())!.Handoff);
        Assert.Equal("dealbreaker_offer", (await line.Harness.Conversation())!.StateId);
        Assert.Empty(line.Harness.Store.OutboxRows());
    }

    [Fact]
    public async Task A_send_that_fails_is_retried_on_a_later_run_and_sent_once_even_by_a_fresh_sender_after_a_restart()
    {
        await using var line = HandoffLine.Create();
        line.Sender.Then(new EmailSendResult.Transient("http-503"));
        await line.Text("TALK");
        await line.Text("yes");

        var failedAt = line.Harness.Time.GetUtcNow();
        var failed = await line.SendAsync();
        var tooSoon = await line.SendAsync();
        var row = Assert.Single(line.Harness.Store.OutboxRows());
        line.Harness.Time.Advance(TimeSpan.FromSeconds(30));
        line.Restart();
        var sent = await line.SendAsync();
        var after = await line.SendAsync();

        Assert.Equal((0, 1), (failed.Sent.Count, failed.Retried));
        Assert.Empty(tooSoon.Sent);
        Assert.Equal((1, failedAt + TimeSpan.FromSeconds(30)), (row.Attempts, row.NextAttemptAt!.Value));
        Assert.Single(sent.Sent);
        Assert.Empty(after.Sent);
        Assert.Equal(2, line.Sender.Sent.Count);
        Assert.Equal(HandoffStatus.Sent, (await line.Harness.Conversation())!.Handoff!.Status);
    }

    [Fact]
    public async Task A_send_whose_outcome_is_unknown_is_never_sent_again()
    {
        await using var line = HandoffLine.Create();
        line.Sender.Then(_ => throw new HttpRequestException("the connection dropped after the request went out"));
        await line.Text("TALK");
        await line.Text("yes");

        var first = await line.SendAsync();
        line.Harness.Time.Advance(TimeSpan.FromHours(1));
        var later = await line.SendAsync();

        Assert.Equal(1, first.Failed);
        Assert.Empty(later.Sent);
        Assert.Single(line.Sender.Sent);
        var handoff = (await line.Harness.Conversation())!.Handoff!;
        Assert.Equal((HandoffStatus.Failed, "unconfirmed"), (handoff.Status, handoff.LastError));
        Assert.Empty(line.Harness.Store.OutboxRows());
    }

    [Fact]
    public async Task A_claim_left_by_a_sender_that_died_is_recorded_as_unconfirmed_after_the_time_out_and_not_sent()
    {
        await using var line = HandoffLine.Create();
        await line.Text("TALK");
        await line.Text("yes");
        var stored = (await line.Harness.Store.ReadAsync(line.Harness.Hasher.Texter(Number, LineHarness.LineNumber), TestContext.Current.CancellationToken))!;
        await line.Harness.Store.ReplaceAsync(stored.Texter, stored.Conversation with { Handoff = stored.Conversation.Handoff!.Claim(line.Harness.Time.GetUtcNow()) }, stored.ETag, TestContext.Current.CancellationToken);

        var meanwhile = await line.SendAsync();
        line.Harness.Time.Advance(HandoffDispatcher.ClaimTimeout);
        var afterTimeOut = await line.SendAsync();

        Assert.Equal((0, 0), (meanwhile.Sent.Count, meanwhile.Failed));
        Assert.Equal(1, afterTimeOut.Failed);
        Assert.Empty(line.Sender.Sent);
    }

    [Fact]
    public async Task Nothing_stored_holds_the_number_in_plain_text_and_no_log_line_names_it()
    {
        await using var line = HandoffLine.Create();
        line.Sender.Then(new EmailSendResult.Transient("http-503"));
        await line.Text("2");
        await line.Text("TALK");
        await line.Text("yes");
        await line.SendAsync();

        var row = Assert.Single(line.Harness.Store.OutboxRows());
        var conversation = (await line.Harness.Conversation())!;

        Assert.StartsWith("v1.", row.ProtectedNumber);
        Assert.DoesNotContain("5555550100", row.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("5555550100", conversation.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("5555550100", row.RequestId, StringComparison.Ordinal);
        line.Harness.Time.Advance(TimeSpan.FromMinutes(1));
        await line.SendAsync();
        Assert.NotEmpty(line.Logs.GetSnapshot());
        Assert.All(line.Logs.GetSnapshot(), record =>
        {
            Assert.DoesNotContain("5555550100", record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("5555550100", string.Join(" ", record.StructuredState?.Select(pair => pair.Value) ?? []), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_handoff_metric_counts_requests_consents_declines_refusals_and_sends_by_outcome()
    {
        await using var line = HandoffLine.Create();
        using var handoffs = new MetricCollector<long>(line.Harness.Services.GetRequiredService<IMeterFactory>(), TextLineMetrics.MeterName, "textline.handoffs");
        await line.Text("TALK");
        await line.Text("no");
        await line.Text("TALK");
        await line.Text("yes");
        await line.SendAsync();
        await line.Text("TALK");

        var outcomes = handoffs.GetMeasurementSnapshot().Select(m => (string)m.Tags["outcome"]!).ToList();

        Assert.Equal(["asked", "declined", "asked", "consented", "sent", "refused"], outcomes);
    }
}
