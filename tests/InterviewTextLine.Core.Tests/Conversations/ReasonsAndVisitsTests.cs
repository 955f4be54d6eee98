using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.TestKit.Builders;
using InterviewTextLine.TestKit.Lines;

namespace InterviewTextLine.Core.Tests.Conversations;

/// <summary>WHY (the reasons behind the advice), and the situations a conversation went through.</summary>
public sealed class ReasonsAndVisitsTests
{
    [Theory]
    [InlineData("1", "dealbreaker")]
    [InlineData("2", "leave_now")]
    [InlineData("3", "on_the_fence")]
    [InlineData("4", "not_for_me")]
    [InlineData("5", "questions")]
    [InlineData("6", "nerves")]
    public async Task Why_gives_the_reasons_of_the_advice_and_stays_in_the_state(string number, string state)
    {
        await using var line = LineHarness.Create();
        await line.Text(number);
        var reply = await line.Text("why?");
        Assert.Equal(line.Engine.Render(line.Script.State(state).Why!), reply);
        Assert.Equal(state, (await line.Conversation())!.StateId);
    }

    [Fact]
    public async Task Why_in_a_later_step_without_reasons_of_its_own_gives_those_of_the_situation()
    {
        await using var line = LineHarness.Create();
        await line.Text("2");
        await line.Text("out");
        Assert.Equal("leave_now_out", (await line.Conversation())!.StateId);
        Assert.Equal(line.Engine.Render(line.Script.State("leave_now").Why!), await line.Text("WHY"));
    }

    [Fact]
    public async Task Why_before_any_situation_asks_to_pick_one()
    {
        await using var line = LineHarness.Create();
        await line.Text("hi");
        Assert.Equal(line.Message(MessageKeys.WhyNeedSituation, "welcome"), await line.Text("why"));
    }

    [Fact]
    public void Why_is_a_global_keyword_and_a_command_the_understanding_layer_names()
    {
        Assert.Equal(Keyword.Why, TestKeywords.BuiltIn.Classify("WHY", optedOut: false));
        Assert.True(TestKeywords.BuiltIn.IsGlobal("why"));
        Assert.Contains(Commands.Why, Commands.All);
        var meaning = Meaning.Of(Keyword.Why);
        Assert.Equal((MeaningKind.Command, Keyword.Why, Commands.Why), (meaning.Kind, meaning.Command, meaning.Label));
    }

    [Fact]
    public async Task Why_in_a_sentence_describing_the_interview_is_not_the_command()
    {
        await using var line = LineHarness.Create();
        Assert.Equal(line.StateText("leave_now"), await line.Text("why is he so rude to me"));
    }

    [Fact]
    public async Task Every_text_with_reasons_offers_WHY_outside_the_danger_advice()
    {
        await using var line = LineHarness.Create();
        foreach (var state in line.Script.States.Where(state => state.Kind == StateKind.Guidance && state.Why is not null && state.Situation != line.Script.Urgent))
        {
            // The reassurance (nerves) spends its text on calming down and BETTER; its hint, which "ok" brings back, offers WHY.
            var offer = line.Script.Situations[state.Situation!].Reassurance ? line.Engine.Render(state.Hint) : line.StateText(state.Id);
            Assert.True(offer.Contains("WHY", StringComparison.Ordinal), $"State '{state.Id}' has reasons but never offers WHY: {offer}");
        }
    }

    [Fact]
    public async Task The_situations_gone_through_are_kept_in_order_each_once()
    {
        await using var line = LineHarness.Create();
        await line.Text("not sure what she meant by that");
        await line.Text("still a problem");
        await line.Text("4");
        await line.Text("how");
        await line.Text("menu");
        await line.Text("3");
        var conversation = await line.Conversation();
        Assert.Equal(["unsure", "notforme"], conversation!.Situations);
        Assert.Equal("unsure", conversation.Situation);
    }

    [Fact]
    public void The_situations_kept_are_bounded_and_the_oldest_give_way()
    {
        var conversation = Conversation.Start("welcome", DateTimeOffset.UnixEpoch);
        for (var i = 0; i < Conversation.MaxSituations + 3; i++)
        {
            conversation = conversation with { Situations = conversation.WithVisited($"s{i}") };
        }

        Assert.Equal(Conversation.MaxSituations, conversation.Situations.Count);
        Assert.Equal("s3", conversation.Situations[0]);
        Assert.Equal($"s{Conversation.MaxSituations + 2}", conversation.Situations[^1]);
    }

    [Fact]
    public async Task A_conversation_that_expires_with_no_summary_pending_starts_with_no_situations()
    {
        await using var line = LineHarness.Create();
        await line.Text("2");
        line.Time.Advance(TimeSpan.FromHours(13));
        await line.Text("4");
        var conversation = await line.Conversation();
        Assert.Equal(["notforme"], conversation!.Situations);
        Assert.Equal(["not_for_me"], conversation.Path);
    }

    [Fact]
    public async Task A_conversation_that_expires_with_a_summary_still_to_send_keeps_what_it_covers()
    {
        await using var line = LineHarness.Create([new("Conversation:ExpiryHours", "1"), new("FollowUp:Delay", "03:00:00")]);
        await line.Text("2");
        await line.Text("EMAIL me@example.com");
        line.Time.Advance(TimeSpan.FromHours(2));
        await line.Text("4");
        var conversation = await line.Conversation();
        Assert.Equal(["rude", "notforme"], conversation!.Situations);
        Assert.Equal(["leave_now", "not_for_me"], conversation.Path);
    }

    [Fact]
    public void Conversations_are_equal_by_value_lists_included()
    {
        var now = DateTimeOffset.UnixEpoch;
        var one = Conversation.Start("welcome", now) with { Path = ["welcome", "leave_now"], Situations = ["rude"] };
        var two = Conversation.Start("welcome", now) with { Path = ["welcome", "leave_now"], Situations = ["rude"] };
        Assert.Equal(one, two);
        Assert.Equal(one.GetHashCode(), two.GetHashCode());
        Assert.NotEqual(one, two with { Situations = ["rude", "unsure"] });
        Assert.NotEqual(one, two with { Path = ["welcome"] });
    }
}
