using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.TestKit.Lines;

namespace InterviewTextLine.Core.Tests.Conversations;

/// <summary>
/// Conversations as transcripts: each step is what the texter sends, the state the line is in after it,
/// and what it replies. Replies are the script's texts as rendered for the embedded defaults.
/// </summary>
public sealed class TranscriptTests
{
    private static async Task Expect(LineHarness line, string sent, string state, string? reply)
    {
        var actual = await line.Text(sent);
        Assert.Equal(reply, actual);
        Assert.Equal(state, (await line.Conversation())?.StateId);
    }

    [Fact]
    public async Task A_new_texter_saying_hi_gets_the_welcome_menu()
    {
        await using var line = LineHarness.Create();
        await Expect(line, "hi", "welcome", line.StateText("welcome"));
        Assert.Contains("1 Pay/terms", line.StateText("welcome"), StringComparison.Ordinal);
        Assert.Contains("Career Services (local)", line.StateText("welcome"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_welcome_lists_every_numbered_situation_and_the_hint_names_their_range()
    {
        await using var line = LineHarness.Create();
        var numbers = line.Script.Situations.Values.Where(situation => situation.Number is not null).Select(situation => situation.Number!.Value).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 6), numbers);
        foreach (var number in numbers)
        {
            Assert.Contains($"\n{number} ", line.StateText("welcome"), StringComparison.Ordinal);
        }

        Assert.Contains($"1-{numbers[^1]}", line.Engine.Render(line.Script.State("welcome").Hint), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_nerves_path_calms_the_texter_and_never_says_to_leave()
    {
        await using var line = LineHarness.Create();
        await line.Text("hi");
        await Expect(line, "6", "nerves", line.StateText("nerves"));
        Assert.Equal("nerves", (await line.Conversation())!.Situation);
        Assert.DoesNotContain("leave", line.StateText("nerves"), StringComparison.OrdinalIgnoreCase);
        await Expect(line, "words", "nerves", line.Words("nerves"));
        await Expect(line, "better", "nerves_better", line.StateText("nerves_better"));
        await Expect(line, "done", "done", line.StateText("done"));
        Assert.Equal(["nerves"], (await line.Conversation())!.Situations);
    }

    [Fact]
    public async Task A_nervous_texter_with_a_real_problem_can_still_pick_it_from_the_nerves_advice()
    {
        await using var line = LineHarness.Create();
        await Expect(line, "nervous", "nerves", line.StateText("nerves"));
        await Expect(line, "2", "leave_now", line.StateText("leave_now"));
        Assert.Equal(["nerves", "rude"], (await line.Conversation())!.Situations);
    }

    [Fact]
    public async Task The_deal_breaker_path_with_an_offer_asks_for_it_in_writing()
    {
        await using var line = LineHarness.Create();
        await Expect(line, "hi", "welcome", line.StateText("welcome"));
        await Expect(line, "1", "dealbreaker", line.StateText("dealbreaker"));
        await Expect(line, "WORDS", "dealbreaker", line.Words("dealbreaker"));
        await Expect(line, "yes", "dealbreaker_offer", line.StateText("dealbreaker_offer"));
        Assert.Contains("in writing", line.StateText("dealbreaker_offer"), StringComparison.Ordinal);
        await Expect(line, "words", "dealbreaker_offer", line.Words("dealbreaker_offer"));
        await Expect(line, "DONE", "done", line.StateText("done"));
        Assert.Equal("dealbreaker", (await line.Conversation())!.Situation);
    }

    [Fact]
    public async Task The_deal_breaker_path_without_an_offer_closes_politely_and_lets_them_say_goodbye_first()
    {
        await using var line = LineHarness.Create();
        await line.Text("hi");
        await Expect(line, "deal breaker", "dealbreaker", line.StateText("dealbreaker"));
        await Expect(line, "nope", "dealbreaker_close", line.StateText("dealbreaker_close"));
        Assert.Contains("say goodbye first", line.StateText("dealbreaker_close"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rude_path_says_leave_now_and_then_reassures_once_out()
    {
        await using var line = LineHarness.Create();
        await line.Text("hi");
        await Expect(line, "2", "leave_now", line.StateText("leave_now"));
        Assert.Contains("Call 911", line.StateText("leave_now"), StringComparison.Ordinal);
        await Expect(line, "I left", "leave_now_out", line.StateText("leave_now_out"));
        await Expect(line, "words", "leave_now_out", line.Words("leave_now_out"));
        await Expect(line, "done", "done", line.StateText("done"));
    }

    [Fact]
    public async Task The_on_the_fence_path_clears_the_air_and_branches_on_the_answer()
    {
        await using var line = LineHarness.Create();
        await line.Text("hi");
        await Expect(line, "3", "on_the_fence", line.StateText("on_the_fence"));
        Assert.Contains("count to five", line.StateText("on_the_fence"), StringComparison.Ordinal);
        await Expect(line, "clear", "fence_clear", line.StateText("fence_clear"));
        await Expect(line, "menu", "welcome", line.StateText("welcome"));
        await Expect(line, "three", "on_the_fence", line.StateText("on_the_fence"));
        await Expect(line, "still a problem", "fence_still", line.StateText("fence_still"));
        await Expect(line, "1", "dealbreaker", line.StateText("dealbreaker"));
        await Expect(line, "MENU", "welcome", line.StateText("welcome"));
        await Expect(line, "3", "on_the_fence", line.StateText("on_the_fence"));
        await Expect(line, "STILL", "fence_still", line.StateText("fence_still"));
        await Expect(line, "4", "not_for_me", line.StateText("not_for_me"));
    }

    [Fact]
    public async Task The_not_for_me_path_gives_a_step_by_step_exit()
    {
        await using var line = LineHarness.Create();
        await line.Text("hi");
        await Expect(line, "4", "not_for_me", line.StateText("not_for_me"));
        await Expect(line, "how", "notforme_exit", line.StateText("notforme_exit"));
        await Expect(line, "words", "notforme_exit", line.Words("notforme_exit"));
    }

    [Theory]
    [InlineData("he was so rude", "leave_now")]
    [InlineData("She keeps yelling at me and insulting my degree", "leave_now")]
    [InlineData("the salary is way too low", "dealbreaker")]
    [InlineData("They want me in the office 5 days and the commute is 2 hours", "dealbreaker")]
    [InlineData("not sure what she meant by that", "on_the_fence")]
    [InlineData("The job isn't what was advertised", "on_the_fence")]
    [InlineData("I really don't want this job", "not_for_me")]
    [InlineData("honestly this is a waste of time", "not_for_me")]
    [InlineData("he was rude about my salary", "leave_now")]
    public async Task Free_text_cues_route_to_the_right_situation(string sent, string state)
    {
        await using var line = LineHarness.Create();
        await line.Text("hi");
        await Expect(line, sent, state, line.StateText(state));
    }

    [Theory]
    [InlineData("rdue", "leave_now")]
    [InlineData("hostle", "leave_now")]
    [InlineData("dealbraker", "dealbreaker")]
    [InlineData("unsrue", "on_the_fence")]
    [InlineData("#2", "leave_now")]
    [InlineData("2.", "leave_now")]
    [InlineData("option 4", "not_for_me")]
    [InlineData("Two", "leave_now")]
    [InlineData("not for me", "not_for_me")]
    [InlineData("6", "nerves")]
    [InlineData("#6", "nerves")]
    [InlineData("nervous", "nerves")]
    [InlineData("nervus", "nerves")]
    public async Task Numbers_synonyms_and_one_typo_pick_a_situation(string sent, string state)
    {
        await using var line = LineHarness.Create();
        await line.Text("hi");
        await Expect(line, sent, state, line.StateText(state));
    }

    [Theory]
    [InlineData("yeha", "dealbreaker_offer")]
    [InlineData("Yeah!", "dealbreaker_offer")]
    [InlineData("they didn't", "dealbreaker_close")]
    [InlineData("none", "dealbreaker_close")]
    public async Task State_replies_accept_synonyms_and_typos(string sent, string state)
    {
        await using var line = LineHarness.Create();
        await line.Text("1");
        await Expect(line, sent, state, line.StateText(state));
    }

    [Fact]
    public async Task A_first_text_that_describes_the_situation_gets_the_guidance_straight_away()
    {
        await using var line = LineHarness.Create();
        await Expect(line, "he was so rude", "leave_now", line.StateText("leave_now"));
    }

    [Theory]
    [InlineData("welcome", "hi", "purple monkey dishwasher")]
    [InlineData("dealbreaker", "1", "maybe later who knows")]
    [InlineData("leave_now", "2", "banana")]
    [InlineData("on_the_fence", "3", "ok then what")]
    [InlineData("not_for_me", "4", "whatever")]
    [InlineData("done", "done", "asdf")]
    public async Task Input_that_means_nothing_gets_the_states_question_again(string state, string setup, string nonsense)
    {
        await using var line = LineHarness.Create();
        await line.Text(setup);
        var reply = await line.Text(nonsense);
        Assert.Equal(line.Message(MessageKeys.Again, state), reply);
        Assert.Contains(line.Engine.Render(line.Script.State(state).Hint), reply, StringComparison.Ordinal);
        Assert.Equal(state, (await line.Conversation())!.StateId);
    }

    [Theory]
    [InlineData("1", "dealbreaker")]
    [InlineData("2", "leave_now")]
    [InlineData("3", "on_the_fence")]
    [InlineData("4", "not_for_me")]
    [InlineData("5", "questions")]
    [InlineData("6", "nerves")]
    public async Task Ok_in_the_middle_of_advice_gets_the_states_question_again(string number, string state)
    {
        await using var line = LineHarness.Create();
        await line.Text(number);
        var before = (await line.Conversation())!;

        var reply = await line.Text("ok");

        var again = line.Script.Message(MessageKeys.Again);
        Assert.Equal(line.Message(MessageKeys.Again, state), reply);
        Assert.StartsWith(again[..again.IndexOf('{', StringComparison.Ordinal)], reply, StringComparison.Ordinal);
        Assert.EndsWith(line.Engine.Render(line.Script.State(state).Hint), reply, StringComparison.Ordinal);
        var after = (await line.Conversation())!;
        Assert.Equal(state, after.StateId);
        Assert.Equal(before.Situations, after.Situations);
        Assert.False(after.AskedBack);
    }

    [Theory]
    [InlineData("WRODS")]
    [InlineData("wrds")]
    public async Task Typos_of_the_lines_own_commands_are_forgiven(string sent)
    {
        await using var line = LineHarness.Create();
        await line.Text("2");
        Assert.Equal(line.Words("leave_now"), await line.Text(sent));
    }

    [Fact]
    public async Task Help_carries_program_contact_rates_frequency_opt_out_and_the_safety_line()
    {
        await using var line = LineHarness.Create([new("Program:EmergencyNumber", "112")]);
        await line.Text("2");
        var help = await line.Text("help");
        Assert.NotNull(help);
        Assert.Contains("Career Services (local)", help, StringComparison.Ordinal);
        Assert.Contains("careers@example.edu", help, StringComparison.Ordinal);
        Assert.Contains("Msg&data rates may apply", help, StringComparison.Ordinal);
        Assert.Contains("only when you text", help, StringComparison.Ordinal);
        Assert.Contains("STOP to opt out", help, StringComparison.Ordinal);
        // The safety line comes first, then how to get advice.
        var firstSentence = help[..help.IndexOf('.', StringComparison.Ordinal)];
        Assert.Contains("Leave", firstSentence, StringComparison.Ordinal);
        Assert.Contains("call 112", firstSentence, StringComparison.Ordinal);
        Assert.Contains("MENU", help, StringComparison.Ordinal);
        Assert.Equal("leave_now", (await line.Conversation())!.StateId);
        Assert.Equal(help, await line.Text(" Info. "));
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData("stopall")]
    [InlineData("Unsubscribe")]
    [InlineData("cancel")]
    [InlineData("END")]
    [InlineData("quit!")]
    [InlineData("revoke")]
    [InlineData("OPTOUT")]
    public async Task Every_opt_out_word_silences_the_line_mid_flow_until_an_opt_in_word(string stop)
    {
        await using var line = LineHarness.Create();
        await line.Text("1");
        Assert.Null(await line.Text(stop));
        Assert.True((await line.Conversation())!.OptedOut);
        var before = await line.Conversation();
        Assert.Null(await line.Text("hello?"));
        Assert.Null(await line.Text("HELP"));
        Assert.Null(await line.Text("2"));
        Assert.Equal(before, await line.Conversation());
        Assert.Equal(line.StateText("welcome"), await line.Text("YES"));
        Assert.False((await line.Conversation())!.OptedOut);
    }

    [Theory]
    [InlineData("START")]
    [InlineData("unstop")]
    public async Task Start_and_unstop_opt_back_in_with_the_welcome(string start)
    {
        await using var line = LineHarness.Create();
        await line.Text("STOP");
        Assert.Equal(line.StateText("welcome"), await line.Text(start));
        Assert.Equal("welcome", (await line.Conversation())!.StateId);
    }

    [Fact]
    public async Task Yes_is_an_answer_not_an_opt_in_while_opted_in()
    {
        await using var line = LineHarness.Create();
        await line.Text("1");
        Assert.Equal(line.StateText("dealbreaker_offer"), await line.Text("YES"));
    }

    [Theory]
    [InlineData("menu")]
    [InlineData("RESTART")]
    [InlineData("reset")]
    public async Task Menu_words_go_back_to_the_welcome_from_anywhere(string menu)
    {
        await using var line = LineHarness.Create();
        await line.Text("1");
        await line.Text("yes");
        Assert.Equal(line.StateText("welcome"), await line.Text(menu));
        Assert.Equal("welcome", (await line.Conversation())!.StateId);
    }

    [Fact]
    public async Task Words_before_any_situation_asks_to_pick_one()
    {
        await using var line = LineHarness.Create();
        await line.Text("hi");
        Assert.Equal(line.Message(MessageKeys.WordsNeedSituation, "welcome"), await line.Text("WORDS"));
    }

    [Fact]
    public async Task Words_after_done_gives_the_words_of_the_last_situation()
    {
        await using var line = LineHarness.Create();
        await line.Text("4");
        await line.Text("done");
        Assert.Equal(line.Words("not_for_me"), await line.Text("words"));
    }

    [Fact]
    public async Task Email_with_a_valid_address_schedules_one_follow_up_after_the_last_text()
    {
        await using var line = LineHarness.Create();
        await line.Text("1");
        var start = line.Time.GetUtcNow();
        var reply = await line.Text("EMAIL Me@Example.COM");
        Assert.Equal(line.Message(MessageKeys.EmailSaved), reply);
        Assert.Contains("about 2 hours after your last text", reply, StringComparison.Ordinal);
        var conversation = await line.Conversation();
        Assert.Equal("Me@example.com", conversation!.Email);
        Assert.Equal(FollowUpStatus.Scheduled, conversation.FollowUp!.Status);
        Assert.Equal(start.AddHours(2), conversation.FollowUp.DueAt);
        Assert.Equal(start.AddHours(2), conversation.FollowUp.IndexedAt);
        var due = await line.Store.ReadDueAsync(start.AddHours(3), null, 10, TestContext.Current.CancellationToken);
        Assert.Equal(start.AddHours(2), Assert.Single(due).DueAt);

        // A later text pushes the summary back without another index write.
        line.Time.Advance(TimeSpan.FromMinutes(30));
        await line.Text("yes");
        conversation = await line.Conversation();
        Assert.Equal(start.AddMinutes(150), conversation!.FollowUp!.DueAt);
        Assert.Equal(start.AddHours(2), conversation.FollowUp.IndexedAt);
        Assert.Single(await line.Store.ReadDueAsync(start.AddDays(1), null, 10, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("EMAIL me.example.com", "reason.noAt")]
    [InlineData("email me@example", "reason.noDomain")]
    [InlineData("email: me @example.com", "reason.space")]
    [InlineData("EMAIL mé@example.com", "reason.characters")]
    [InlineData("EMAIL .me@example.com", "reason.local")]
    public async Task Email_with_an_invalid_address_says_what_was_wrong(string sent, string reason)
    {
        await using var line = LineHarness.Create();
        await line.Text("1");
        var reply = await line.Text(sent);
        Assert.NotNull(reply);
        Assert.StartsWith("That email address doesn't look right", reply, StringComparison.Ordinal);
        Assert.Contains(line.Script.Message(reason), reply, StringComparison.Ordinal);
        Assert.Null((await line.Conversation())!.Email);
        Assert.Null((await line.Conversation())!.FollowUp);
    }

    [Fact]
    public async Task Email_without_an_address_asks_for_one()
    {
        await using var line = LineHarness.Create();
        Assert.Equal(line.Message(MessageKeys.EmailMissing), await line.Text("email"));
    }

    [Fact]
    public async Task Noemail_cancels_the_follow_up_and_deletes_the_address()
    {
        await using var line = LineHarness.Create();
        await line.Text("1");
        await line.Text("EMAIL me@example.com");
        Assert.Equal(line.Message(MessageKeys.EmailCancelled), await line.Text("NOEMAIL"));
        var conversation = await line.Conversation();
        Assert.Null(conversation!.Email);
        Assert.Equal(FollowUpStatus.Cancelled, conversation.FollowUp!.Status);
        Assert.Equal(line.Message(MessageKeys.NoEmailPending), await line.Text("noemail"));
    }

    [Fact]
    public async Task Stop_cancels_a_pending_follow_up()
    {
        await using var line = LineHarness.Create();
        await line.Text("EMAIL me@example.com");
        await line.Text("STOP");
        Assert.Equal(FollowUpStatus.Cancelled, (await line.Conversation())!.FollowUp!.Status);
    }

    [Theory]
    [InlineData("FORGET")]
    [InlineData("delete")]
    public async Task Forget_erases_everything_about_the_number_and_confirms(string forget)
    {
        await using var line = LineHarness.Create();
        await line.Text("1");
        await line.Text("EMAIL me@example.com");
        Assert.Equal(line.Message(MessageKeys.Forgotten), await line.Text(forget));
        Assert.Null(await line.Conversation());
        Assert.Empty(await line.Store.ReadDueAsync(DateTimeOffset.MaxValue, null, 10, TestContext.Current.CancellationToken));
        Assert.Equal(line.StateText("welcome"), await line.Text("hi"));
    }

    [Fact]
    public async Task A_conversation_idle_past_the_expiry_starts_again_at_the_welcome()
    {
        await using var line = LineHarness.Create([new("Conversation:ExpiryHours", "6")]);
        await line.Text("1");
        line.Time.Advance(TimeSpan.FromHours(5));
        Assert.Equal(line.StateText("dealbreaker_offer"), await line.Text("yes"));
        line.Time.Advance(TimeSpan.FromHours(7));
        Assert.Equal(line.StateText("welcome"), await line.Text("yes"));
        Assert.Equal("welcome", (await line.Conversation())!.StateId);
    }

    [Fact]
    public async Task Opt_out_survives_expiry()
    {
        await using var line = LineHarness.Create();
        await line.Text("STOP");
        line.Time.Advance(TimeSpan.FromDays(3));
        Assert.Null(await line.Text("hi"));
    }

    [Fact]
    public async Task Text_the_line_cannot_use_gets_a_polite_reply_and_changes_nothing()
    {
        await using var line = LineHarness.Create();
        await line.Text("2");
        var before = (await line.Conversation())!;
        line.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(line.Message(MessageKeys.Empty, "leave_now"), await line.Text("   "));
        Assert.Equal(line.Message(MessageKeys.MediaOnly, "leave_now"), await line.Text("", media: 1));
        Assert.Contains("I can only read text", await line.Text(null, media: 2), StringComparison.Ordinal);
        Assert.Equal(line.Message(MessageKeys.TooLong, "leave_now"), await line.Text(new string('a', 1601)));
        Assert.Equal(line.Message(MessageKeys.Unknown, "leave_now"), await line.Text("he\0llo"));
        Assert.Equal(line.Message(MessageKeys.Unknown, "leave_now"), await line.Text("1\u0007"));

        // Only what the line keeps about its own replies moved on: the receipts and the reply cap's count.
        var after = (await line.Conversation())!;
        Assert.Equal(before with { Receipts = after.Receipts, Replies = after.Replies }, after);
        Assert.Equal(before.Replies + 6, after.Replies);
        Assert.Equal(before.Receipts.Count + 6, after.Receipts.Count);
    }

    [Fact]
    public async Task A_line_break_or_a_tab_in_a_text_is_still_read()
    {
        await using var line = LineHarness.Create();
        Assert.Equal(line.StateText("leave_now"), await line.Text("he was so rude\r\n\tand loud"));
    }

    [Fact]
    public async Task A_first_text_the_line_cannot_use_is_answered_and_the_next_one_still_gets_the_welcome()
    {
        await using var line = LineHarness.Create();

        Assert.Equal(line.Message(MessageKeys.Empty, "welcome"), await line.Text(""));
        Assert.Equal(line.StateText("welcome"), await line.Text("hi"));
    }

    [Fact]
    public async Task A_picture_with_text_is_read_as_text()
    {
        await using var line = LineHarness.Create();
        Assert.Equal(line.StateText("leave_now"), await line.Text("2", media: 1));
    }

    [Fact]
    public async Task A_redelivered_message_gets_the_first_reply_and_changes_nothing()
    {
        await using var line = LineHarness.Create();
        await line.Text("hi");
        var first = await line.Text("2", messageId: "SM00000000000000000000000000000abc");
        var after = await line.Conversation();
        line.Time.Advance(TimeSpan.FromMinutes(3));
        var again = await line.Text("2", messageId: "SM00000000000000000000000000000abc");
        Assert.Equal(first, again);
        Assert.Equal(after, await line.Conversation());
    }

    [Fact]
    public async Task Conversations_are_kept_per_texter_and_per_line()
    {
        await using var line = LineHarness.Create();
        await line.Text("2", from: "+15555550111");
        await line.Text("4", from: "+15555550122");
        Assert.Equal("leave_now", (await line.Conversation("+15555550111"))!.StateId);
        Assert.Equal("not_for_me", (await line.Conversation("+15555550122"))!.StateId);
    }

    [Fact]
    public async Task The_path_records_choices_not_messages()
    {
        await using var line = LineHarness.Create();
        await line.Text("the salary is way too low");
        await line.Text("they offered a bit more");
        await line.Text("yes");
        var conversation = await line.Conversation();
        Assert.Equal(["dealbreaker", "dealbreaker_offer"], conversation!.Path);
    }
}
