using System.Diagnostics.Metrics;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Diagnostics;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.TestKit.Lines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static InterviewTextLine.TestKit.Builders.ConversationBuilder;

namespace InterviewTextLine.Core.Tests.Conversations;

/// <summary>The caps of <see cref="LimitsOptions"/>: replies per number, summaries and addresses per conversation.</summary>
public sealed class LimitsTests
{
    private static readonly LimitsOptions Defaults = new();

    [Fact]
    public async Task Past_the_reply_cap_a_number_gets_silence_and_nothing_it_sends_is_applied_until_the_window_ends()
    {
        await using var line = LineHarness.Create();
        var replies = new List<string?>();
        for (var i = 0; i < Defaults.RepliesPerNumber + 5; i++)
        {
            replies.Add(await line.Text(i == 0 ? "hi" : "WORDS"));
        }

        var capped = await line.Conversation();
        var ignored = await line.Text("2");
        var reply = await line.Service.HandleAsync(new InboundText(LineHarness.Texter, LineHarness.LineNumber, "2", "SMcapped"), TestContext.Current.CancellationToken);
        Assert.True(reply is { IsSilent: true, Capped: true });
        var unchanged = await line.Conversation();
        line.Time.Advance(Defaults.ReplyWindow);
        var afterTheWindow = await line.Text("2");

        Assert.Equal(Defaults.RepliesPerNumber, replies.Count(reply => reply is not null));
        Assert.All(replies.Skip(Defaults.RepliesPerNumber), reply => Assert.Null(reply));
        Assert.Null(ignored);
        Assert.Equal(capped, unchanged);
        Assert.Equal(Defaults.RepliesPerNumber, unchanged!.Receipts.Count);
        Assert.Equal(line.StateText("leave_now"), afterTheWindow);
        Assert.Equal(1, (await line.Conversation())!.Replies);
    }

    [Fact]
    public async Task Help_stop_and_forget_work_past_the_reply_cap_and_forget_does_not_reset_it()
    {
        await using var line = LineHarness.Create([new("Limits:RepliesPerNumber", "2")]);
        await line.Text("hi");
        await line.Text("2");
        Assert.Null(await line.Text("WORDS"));

        Assert.Equal(line.Message(MessageKeys.Help), await line.Text("HELP"));

        // FORGET erases past the cap too, but its confirmation is a reply like any other.
        Assert.Null(await line.Text("FORGET"));
        Assert.Null(await line.Conversation());

        Assert.Null(await line.Text("hi"));
        Assert.Null(await line.Text("2"));
        Assert.Null(await line.Text("stop."));
        Assert.True((await line.Conversation())!.OptedOut);
    }

    [Theory]
    [InlineData("en", "hi", "he grabbed my arm and won't let me leave")]
    [InlineData("es", "ESPAÑOL", "me agarró del brazo y no me deja salir")]
    public async Task Danger_is_answered_past_the_reply_cap_in_the_texters_language(string language, string first, string danger)
    {
        await using var line = LineHarness.Create([new("Limits:RepliesPerNumber", "3")]);
        await line.Text(first);
        await line.Text("2");
        await line.Text("WORDS");
        Assert.Null(await line.Text("WORDS"));

        var reply = await line.Text(danger);

        var urgent = line.Languages.For(language).Script.Urgent!;
        Assert.Equal(line.StateText(line.Languages.For(language).Script.Situations[urgent].Entry, language), reply);
        var conversation = (await line.Conversation())!;
        Assert.Equal(urgent, conversation.Situation);
        Assert.Equal(language, conversation.Language);
        Assert.Equal(4, conversation.Replies);
        // Only danger got through: anything else is still capped.
        Assert.Null(await line.Text("WORDS"));
    }

    [Theory]
    [InlineData("he grabbed my arm and won't let me leave")]
    [InlineData("me agarró del brazo y no me deja salir")]
    public async Task The_engines_hear_danger_in_either_language_from_a_number_past_its_cap(string danger)
    {
        await using var line = LineHarness.Create([new("Limits:RepliesPerNumber", "2")]);
        var now = line.Time.GetUtcNow();
        Conversation capped = AConversation().InState("leave_now").WithSituation("rude").WithPath("welcome", "leave_now").WithSituations("rude")
            .StartedAt(now.AddMinutes(-5)).LastMessageAt(now.AddMinutes(-1)).WithReplies(now.AddMinutes(-5), 2);
        Assert.True(line.Engine.IsCapped(capped, now));
        Assert.Equal(DecisionKind.Capped, line.Languages.Decide(capped, "WORDS", 0, now).Kind);

        var decision = line.Languages.Decide(capped, danger, 0, now);

        var urgent = line.Script.Urgent!;
        Assert.Equal(DecisionKind.Save, decision.Kind);
        Assert.Equal(urgent, decision.Meaning?.Value);
        Assert.Equal(line.Script.Situations[urgent].Entry, decision.Next!.StateId);
        Assert.Contains(decision.Reply, line.Languages.Engines.Select(engine => engine.Render(engine.Script.State(engine.Script.Situations[urgent].Entry).Text)));
        Assert.Equal(3, decision.Next.Replies);
    }

    [Fact]
    public async Task A_number_sending_nothing_usable_is_capped_like_any_other()
    {
        await using var line = LineHarness.Create([new("Limits:RepliesPerNumber", "3")]);

        var replies = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            replies.Add(await line.Text("", media: i % 2));
        }

        Assert.Equal(3, replies.Count(reply => reply is not null));
    }

    [Fact]
    public async Task Capped_texts_are_counted_without_personal_data()
    {
        await using var line = LineHarness.Create([new("Limits:RepliesPerNumber", "1")]);
        var meterFactory = line.Services.GetRequiredService<IMeterFactory>();
        using var texts = new MetricCollector<long>(meterFactory, TextLineMetrics.MeterName, "textline.texts");
        using var limits = new MetricCollector<long>(meterFactory, TextLineMetrics.MeterName, "textline.limits");

        await line.Text("hi");
        await line.Text("he was so rude to me, call me at +15555550100");

        Assert.Contains(texts.GetMeasurementSnapshot(), measurement => Equals(measurement.Tags["outcome"], "capped"));
        var limit = Assert.Single(limits.GetMeasurementSnapshot());
        Assert.Equal("replies", limit.Tags["limit"]);
        Assert.Single(limit.Tags);
    }

    [Fact]
    public async Task A_conversation_takes_a_few_addresses_and_refuses_more_but_the_same_one_again_is_fine()
    {
        await using var line = LineHarness.Create();
        await line.Text("2");
        for (var i = 0; i < Defaults.AddressesPerConversation; i++)
        {
            Assert.StartsWith("Saved.", await line.Text($"EMAIL pat{i}@example.org"), StringComparison.Ordinal);
        }

        var refused = await line.Text("EMAIL someone.else@example.org");
        var same = await line.Text($"EMAIL pat{Defaults.AddressesPerConversation - 1}@example.org");

        Assert.Equal(line.Message(MessageKeys.EmailLimit), refused);
        Assert.StartsWith("Saved.", same, StringComparison.Ordinal);
        Assert.Equal($"pat{Defaults.AddressesPerConversation - 1}@example.org", (await line.Conversation())!.Email);
    }

    [Fact]
    public async Task A_conversation_gets_one_summary_and_another_only_after_it_has_been_idle()
    {
        await using var line = LineHarness.Create();
        await line.Text("2");
        await line.Text("EMAIL pat@example.org");
        line.Time.Advance(TimeSpan.FromHours(3));
        await MarkSentAsync(line);

        var refused = await line.Text("EMAIL pat@example.org");
        var another = await line.Text("EMAIL sam@example.org");
        line.Time.Advance(TimeSpan.FromHours(new ConversationOptions().ExpiryHours + 1));
        var later = await line.Text("EMAIL sam@example.org");

        Assert.Equal(line.Message(MessageKeys.EmailLimit), refused);
        Assert.Equal(line.Message(MessageKeys.EmailLimit), another);
        Assert.StartsWith("Saved.", later, StringComparison.Ordinal);
        Assert.Equal(FollowUpStatus.Scheduled, (await line.Conversation())!.FollowUp!.Status);
    }

    [Fact]
    public async Task After_forget_the_number_may_ask_for_a_summary_again_but_not_to_an_address_that_had_one_today()
    {
        await using var line = LineHarness.Create();
        await line.Text("2");
        await line.Text("EMAIL pat@example.org");
        await MarkSentAsync(line);
        line.Time.Advance(TimeSpan.FromMinutes(1));
        await line.Text("FORGET");
        line.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(line.Message(MessageKeys.EmailLimit), await line.Text("EMAIL pat@example.org"));
        Assert.StartsWith("Saved.", await line.Text("EMAIL sam@example.org"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_cancels_the_summary_and_clears_the_address()
    {
        await using var line = LineHarness.Create();
        await line.Text("2");
        await line.Text("EMAIL pat@example.org");

        await line.Text("STOP");

        var conversation = (await line.Conversation())!;
        Assert.Equal(FollowUpStatus.Cancelled, conversation.FollowUp!.Status);
        Assert.Null(conversation.Email);
    }

    /// <summary>What the sweep records after the provider accepted the summary.</summary>
    private static async Task MarkSentAsync(LineHarness line)
    {
        var texter = line.Hasher.Texter(LineHarness.Texter, LineHarness.LineNumber);
        var stored = (await line.Store.ReadAsync(texter, TestContext.Current.CancellationToken))!;
        var sent = stored.Conversation.FollowUp!.Claim(stored.Conversation.FollowUp.DueAt).MarkSent(line.Time.GetUtcNow());
        await line.Store.ReplaceAsync(texter, stored.Conversation with { FollowUp = sent, Email = null }, stored.ETag, TestContext.Current.CancellationToken);
    }
}
