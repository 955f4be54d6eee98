using System.Diagnostics.Metrics;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Diagnostics;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.FollowUps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

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
    public async Task Help_stop_and_forget_work_past_the_reply_cap()
    {
        await using var line = LineHarness.Create([new("Limits:RepliesPerNumber", "2")]);
        await line.Text("hi");
        await line.Text("2");
        Assert.Null(await line.Text("WORDS"));

        Assert.Equal(line.Message(MessageKeys.Help), await line.Text("HELP"));
        Assert.Equal(line.Message(MessageKeys.Forgotten), await line.Text("FORGET"));
        Assert.Null(await line.Conversation());

        await line.Text("hi");
        await line.Text("2");
        Assert.Null(await line.Text("WORDS"));
        Assert.Null(await line.Text("stop."));
        Assert.True((await line.Conversation())!.OptedOut);
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
        line.Time.Advance(TimeSpan.FromHours(new ConversationOptions().ExpiryHours + 1));
        var later = await line.Text("EMAIL pat@example.org");

        Assert.Equal(line.Message(MessageKeys.EmailLimit), refused);
        Assert.StartsWith("Saved.", later, StringComparison.Ordinal);
        Assert.Equal(FollowUpStatus.Scheduled, (await line.Conversation())!.FollowUp!.Status);
    }

    [Fact]
    public async Task After_forget_the_number_may_ask_for_a_summary_again()
    {
        await using var line = LineHarness.Create();
        await line.Text("2");
        await line.Text("EMAIL pat@example.org");
        await MarkSentAsync(line);
        await line.Text("FORGET");

        Assert.StartsWith("Saved.", await line.Text("EMAIL pat@example.org"), StringComparison.Ordinal);
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
