using InterviewTextLine.Core.Flow;
using InterviewTextLine.TestKit.Lines;

namespace InterviewTextLine.Understanding.Tests;

/// <summary>
/// Texts as stressed people write them, through the line with its sentence model: danger first,
/// meaning over keywords, and natural answers inside the flow.
/// </summary>
public sealed class TextsPeopleSendTests
{
    [Theory]
    [InlineData("he locked the door and wont let me leave, im scared")]
    [InlineData("he touched my leg")]
    [InlineData("keeps hitting on me, asked if I have a boyfriend")]
    [InlineData("said the job is mine if i go on a date with him")]
    [InlineData("he has a knife on the desk and keeps mentioning it")]
    [InlineData("i think hes following me to the parking lot")]
    [InlineData("he took my phone and said ill get it back after")]
    [InlineData("i feel really unsafe right now")]
    public async Task Danger_gets_leave_now_and_the_emergency_number_in_the_first_screen(string text)
    {
        await using var line = LineHarness.Create();
        var reply = await line.Send(text);
        Assert.Equal("safety", reply.State);
        var firstScreen = reply.Text![..160];
        Assert.StartsWith("Leave now.", firstScreen, StringComparison.Ordinal);
        Assert.Contains("call 911", firstScreen, StringComparison.Ordinal);
    }

    /// <summary>
    /// Words that often mean danger but have everyday uses too point to safety only when the whole
    /// text means it: the sentence model decides, not the word.
    /// </summary>
    [Theory]
    [InlineData("this isnt the career i want, i only came bc my mom pushed me", "notforme")]
    [InlineData("this is so boring i can feel my soul leaving my body, can i just go", "notforme")]
    [InlineData("he pushed me against the wall when i tried to leave", "safety")]
    [InlineData("he keeps commenting on my legs and my body", "safety")]
    public async Task A_word_with_an_everyday_use_does_not_decide_danger_alone(string text, string situation)
    {
        await using var line = LineHarness.Create();
        var reply = await line.Send(text);
        Assert.Equal(situation, reply.Situation);
    }

    [Fact]
    public async Task Danger_wins_in_any_state_even_mid_flow()
    {
        await using var line = LineHarness.Create();
        await line.Text("the salary is way too low");
        var reply = await line.Send("now he grabbed my arm");
        Assert.Equal("safety", reply.State);
        Assert.Equal(line.StateText("safety"), reply.Text);
    }

    [Theory]
    [InlineData("he asked if im pregnant??", "questions")]
    [InlineData("she wants to know how old i am and if im married", "questions")]
    [InlineData("they want me to work for free for 2 weeks", "dealbreaker")]
    [InlineData("its a 2 hour drive each way", "dealbreaker")]
    [InlineData("honestly i just want to walk out, this job isnt for me", "notforme")]
    [InlineData("she said 'flexible hours' but then also 'we expect full commitment'. which is it", "unsure")]
    public async Task A_first_text_reaches_its_situation_without_the_menu(string text, string situation)
    {
        await using var line = LineHarness.Create();
        var reply = await line.Send(text);
        Assert.Equal(situation, reply.Situation);
        Assert.Equal(line.StateText(line.Script.Situations[situation].Entry), reply.Text);
    }

    /// <summary>A text the line is less sure of gets its advice or the menu, never another situation's advice.</summary>
    [Theory]
    [InlineData("intervewer is beeing super rdue", "rude")]
    [InlineData("he keeps saying my degree is worthless and the pay is low and the commute is long", "rude")]
    public async Task A_less_clear_text_gets_its_advice_or_the_menu(string text, string situation)
    {
        await using var line = LineHarness.Create();
        var reply = await line.Send(text);
        Assert.Contains(reply.Situation, new[] { situation, null });
    }

    [Theory]
    [InlineData("1", "nah they cant change it", "dealbreaker_close")]
    [InlineData("1", "they said they could do remote 2 days", "dealbreaker_offer")]
    [InlineData("3", "she explained and it makes sense now", "fence_clear")]
    [InlineData("3", "asked and its still bad", "fence_still")]
    [InlineData("2", "im outside now", "leave_now_out")]
    [InlineData("2", "i left the building", "leave_now_out")]
    [InlineData("4", "how do i actually leave", "notforme_exit")]
    public async Task Natural_answers_inside_the_flow_move_it_on(string setup, string text, string state)
    {
        await using var line = LineHarness.Create();
        await line.Text(setup);
        var reply = await line.Send(text);
        Assert.Equal(state, reply.State);
        Assert.Equal(line.StateText(state), reply.Text);
    }

    [Theory]
    [InlineData("what do I say")]
    [InlineData("what should I tell them")]
    [InlineData("how do i ask him")]
    public async Task Asking_what_to_say_gets_the_words_for_the_current_state(string text)
    {
        await using var line = LineHarness.Create();
        await line.Text("1");
        var reply = await line.Send(text);
        Assert.Equal(line.Engine.Render(line.Script.State("dealbreaker").Words!), reply.Text);
        Assert.Equal("dealbreaker", reply.State);
    }

    [Theory]
    [InlineData("3", "ok", "on_the_fence")]
    [InlineData("1", "maybe", "dealbreaker")]
    [InlineData("1", "ok what now", "dealbreaker")]
    [InlineData("5", "ugh this is awful", "questions")]
    public async Task A_reply_that_answers_nothing_gets_the_question_again_kindly(string setup, string text, string state)
    {
        await using var line = LineHarness.Create();
        await line.Text(setup);
        var reply = await line.Send(text);
        Assert.Equal(state, reply.State);
        Assert.Equal(line.Engine.Render(line.Script.Message(MessageKeys.Again).Replace("{Hint}", line.Script.State(state).Hint, StringComparison.Ordinal)), reply.Text);
    }

    [Theory]
    [InlineData("my hands are shaking so much, i think i bombed the first question")]
    [InlineData("waiting in the lobby and my heart is pounding lol")]
    [InlineData("i keep rambling and i cant stop, is it over for me")]
    [InlineData("im sweating through my shirt rn")]
    [InlineData("she seems nice i just cant think straight")]
    public async Task A_nervous_texter_is_calmed_and_never_told_to_leave(string text)
    {
        await using var line = LineHarness.Create();
        var reply = await line.Send(text);
        Assert.Equal("nerves", reply.State);
        Assert.Equal(line.StateText("nerves"), reply.Text);
        Assert.DoesNotContain("Leave", reply.Text!, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("hey")]
    [InlineData("good morning, is this the interview help line?")]
    [InlineData("just testing this number")]
    [InlineData("im in the waiting room, interview starts at 2")]
    public async Task A_text_that_names_no_problem_gets_the_menu(string text)
    {
        await using var line = LineHarness.Create();
        var reply = await line.Send(text);
        Assert.Equal("welcome", reply.State);
        Assert.Null(reply.Situation);
    }

    [Theory]
    [InlineData("the commute here is a killer, ninety minutes on two buses", "dealbreaker")]
    [InlineData("they drilled me on algorithms for an hour and i froze", "nerves")]
    [InlineData("he shot down every idea i had and laughed at me", "rude")]
    public async Task A_figure_of_speech_is_not_danger(string text, string situation)
    {
        await using var line = LineHarness.Create();
        var reply = await line.Send(text);
        Assert.NotEqual("safety", reply.Situation);
        Assert.Equal(situation, reply.Situation);
    }

    [Fact]
    public async Task Two_problems_get_the_weightier_advice_first()
    {
        await using var line = LineHarness.Create();

        var reply = await line.Send("the pay is half what the ad said and on top of that he keeps mocking my accent");

        // The weightier problem's advice comes first; the other may be named after it ("Reply 1 after").
        Assert.Equal("rude", reply.Situation);
        Assert.StartsWith(line.StateText("leave_now"), reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Reply 2", reply.Text![line.StateText("leave_now").Length..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_of_mind_goes_back_to_the_right_state()
    {
        await using var line = LineHarness.Create();
        await line.Text("1");
        Assert.Equal("dealbreaker_close", (await line.Send("no")).State);

        var reply = await line.Send("wait actually he just came back and said they could do a higher rate after all");

        Assert.Equal("dealbreaker_offer", reply.State);
    }

    [Fact]
    public async Task Asking_on_the_fence_is_not_walking_out()
    {
        await using var line = LineHarness.Create();
        await line.Text("3");

        var reply = await line.Send("ok i asked and she said it was just a misunderstanding");

        Assert.Equal("fence_clear", reply.State);
    }

    [Theory]
    [InlineData("email me at sam@example.org")]
    [InlineData("my email is sam@example.org")]
    [InlineData("send it to sam@example.org pls")]
    public async Task An_address_anywhere_in_a_text_schedules_the_summary(string text)
    {
        await using var line = LineHarness.Create();
        await line.Text("2");
        var reply = await line.Send(text);
        Assert.StartsWith("Saved. The summary", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_me_without_an_address_asks_for_the_address()
    {
        await using var line = LineHarness.Create();
        await line.Text("2");
        var reply = await line.Send("email me pls");
        Assert.Equal(line.Engine.Render(line.Script.Message(MessageKeys.EmailMissing)), reply.Text);
    }
}
