using System.Text.RegularExpressions;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.TestKit.Repository;

namespace InterviewTextLine.Core.Tests.FollowUps;

public sealed partial class FollowUpLifecycleTests
{
    private static readonly DateTimeOffset Due = new(2025, 6, 2, 12, 0, 0, TimeSpan.Zero);

    private static FollowUp In(FollowUpStatus status)
    {
        var scheduled = FollowUp.Schedule(null, Due);
        return status switch
        {
            FollowUpStatus.Scheduled => scheduled,
            FollowUpStatus.Claimed => scheduled.Claim(Due),
            FollowUpStatus.Sent => scheduled.Claim(Due).MarkSent(Due),
            FollowUpStatus.Failed => scheduled.Claim(Due).Fail("http-400"),
            FollowUpStatus.Cancelled => scheduled.Cancel(),
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
    }

    private static FollowUp Fire(FollowUp followUp, FollowUpTrigger trigger) => trigger switch
    {
        FollowUpTrigger.Schedule => FollowUp.Schedule(followUp, Due.AddHours(1)),
        FollowUpTrigger.PushBack => followUp.PushBack(Due.AddHours(1)),
        FollowUpTrigger.MoveIndex => followUp.MoveIndexTo(Due.AddHours(1)),
        FollowUpTrigger.Cancel => followUp.Cancel(),
        FollowUpTrigger.Claim => followUp.Claim(Due.AddDays(1)),
        FollowUpTrigger.Release => followUp.Release(),
        FollowUpTrigger.MarkSent => followUp.MarkSent(Due),
        FollowUpTrigger.Fail => followUp.Fail("timeout"),
        FollowUpTrigger.Retry => followUp.Retry(Due.AddMinutes(1), "http-503"),
        FollowUpTrigger.RateLimited => followUp.WaitForRateLimit(Due.AddMinutes(1)),
        _ => throw new ArgumentOutOfRangeException(nameof(trigger)),
    };

    [Theory]
    [InlineData(FollowUpStatus.Scheduled, FollowUpTrigger.Release)]
    [InlineData(FollowUpStatus.Scheduled, FollowUpTrigger.MarkSent)]
    [InlineData(FollowUpStatus.Scheduled, FollowUpTrigger.Fail)]
    [InlineData(FollowUpStatus.Scheduled, FollowUpTrigger.Retry)]
    [InlineData(FollowUpStatus.Scheduled, FollowUpTrigger.RateLimited)]
    [InlineData(FollowUpStatus.Claimed, FollowUpTrigger.PushBack)]
    [InlineData(FollowUpStatus.Claimed, FollowUpTrigger.MoveIndex)]
    [InlineData(FollowUpStatus.Claimed, FollowUpTrigger.Cancel)]
    [InlineData(FollowUpStatus.Claimed, FollowUpTrigger.Claim)]
    [InlineData(FollowUpStatus.Sent, FollowUpTrigger.PushBack)]
    [InlineData(FollowUpStatus.Sent, FollowUpTrigger.MoveIndex)]
    [InlineData(FollowUpStatus.Sent, FollowUpTrigger.Cancel)]
    [InlineData(FollowUpStatus.Sent, FollowUpTrigger.Claim)]
    [InlineData(FollowUpStatus.Sent, FollowUpTrigger.Release)]
    [InlineData(FollowUpStatus.Sent, FollowUpTrigger.MarkSent)]
    [InlineData(FollowUpStatus.Sent, FollowUpTrigger.Fail)]
    [InlineData(FollowUpStatus.Sent, FollowUpTrigger.Retry)]
    [InlineData(FollowUpStatus.Sent, FollowUpTrigger.RateLimited)]
    [InlineData(FollowUpStatus.Failed, FollowUpTrigger.PushBack)]
    [InlineData(FollowUpStatus.Failed, FollowUpTrigger.MoveIndex)]
    [InlineData(FollowUpStatus.Failed, FollowUpTrigger.Cancel)]
    [InlineData(FollowUpStatus.Failed, FollowUpTrigger.Claim)]
    [InlineData(FollowUpStatus.Failed, FollowUpTrigger.Release)]
    [InlineData(FollowUpStatus.Failed, FollowUpTrigger.MarkSent)]
    [InlineData(FollowUpStatus.Failed, FollowUpTrigger.Fail)]
    [InlineData(FollowUpStatus.Failed, FollowUpTrigger.Retry)]
    [InlineData(FollowUpStatus.Failed, FollowUpTrigger.RateLimited)]
    [InlineData(FollowUpStatus.Cancelled, FollowUpTrigger.PushBack)]
    [InlineData(FollowUpStatus.Cancelled, FollowUpTrigger.MoveIndex)]
    [InlineData(FollowUpStatus.Cancelled, FollowUpTrigger.Cancel)]
    [InlineData(FollowUpStatus.Cancelled, FollowUpTrigger.Claim)]
    [InlineData(FollowUpStatus.Cancelled, FollowUpTrigger.Release)]
    [InlineData(FollowUpStatus.Cancelled, FollowUpTrigger.MarkSent)]
    [InlineData(FollowUpStatus.Cancelled, FollowUpTrigger.Fail)]
    [InlineData(FollowUpStatus.Cancelled, FollowUpTrigger.Retry)]
    [InlineData(FollowUpStatus.Cancelled, FollowUpTrigger.RateLimited)]
    public void An_illegal_move_is_refused_and_names_the_status_and_the_move(FollowUpStatus from, FollowUpTrigger trigger)
    {
        var refused = Assert.Throws<InvalidFollowUpTransitionException>(() => Fire(In(from), trigger));

        Assert.Equal((from, trigger), (refused.From, refused.Trigger));
        Assert.False(FollowUpTransitions.Allows(from, trigger));
    }

    [Fact]
    public void Every_move_the_table_allows_succeeds_and_lands_where_the_table_says()
    {
        foreach (var transition in FollowUpTransitions.All.Where(transition => transition.From is not null))
        {
            var next = Fire(In(transition.From!.Value), transition.Trigger);
            Assert.Equal(transition.To, next.Status);
        }
    }

    [Fact]
    public void Schedule_needs_no_follow_up_and_a_new_one_needs_an_index_entry_at_its_due_time()
    {
        var followUp = FollowUp.Schedule(null, Due);

        Assert.Equal((FollowUpStatus.Scheduled, Due, Due), (followUp.Status, followUp.DueAt, followUp.IndexedAt));
        Assert.Equal(Due, followUp.IndexEntryToAdd(null));
    }

    [Fact]
    public void Scheduling_again_keeps_a_scheduled_follow_ups_index_entry_and_adds_none()
    {
        var first = FollowUp.Schedule(null, Due);
        var again = FollowUp.Schedule(first, Due.AddHours(1));

        Assert.Equal((Due.AddHours(1), Due), (again.DueAt, again.IndexedAt));
        Assert.Null(again.IndexEntryToAdd(first));
    }

    [Fact]
    public void Scheduling_after_a_cancel_starts_afresh_with_an_entry_of_its_own()
    {
        var cancelled = FollowUp.Schedule(null, Due).Cancel();
        var again = FollowUp.Schedule(cancelled, Due.AddHours(1));

        Assert.Equal(Due.AddHours(1), again.IndexEntryToAdd(cancelled));
        Assert.Equal(0, again.Attempts);
    }

    [Fact]
    public void A_claim_before_the_follow_up_is_ready_is_refused()
    {
        var retrying = FollowUp.Schedule(null, Due).Claim(Due).Retry(Due.AddMinutes(5), "http-503");

        var refused = Assert.Throws<InvalidFollowUpTransitionException>(() => retrying.Claim(Due.AddMinutes(4)));

        Assert.Equal(FollowUpTrigger.Claim, refused.Trigger);
        Assert.Equal(2, retrying.Claim(Due.AddMinutes(5)).Attempts);
    }

    [Fact]
    public void A_rate_limit_hands_back_the_attempt_its_claim_counted_and_a_release_does_too()
    {
        var claimed = FollowUp.Schedule(null, Due).Claim(Due);

        var limited = claimed.WaitForRateLimit(Due.AddMinutes(1));
        var released = claimed.Release();

        Assert.Equal((0, FollowUp.RateLimited, Due.AddMinutes(1)), (limited.Attempts, limited.LastError, limited.IndexedAt));
        Assert.Equal(FollowUp.Schedule(null, Due), released);
    }

    [Fact]
    public async Task The_diagram_in_docs_email_md_is_the_one_the_transition_table_draws()
    {
        var email = await RepositoryRoot.ReadAsync("docs/email.md", TestContext.Current.CancellationToken);

        var block = LifecycleBlock().Match(email.ReplaceLineEndings("\n"));

        Assert.True(block.Success, "docs/email.md has no ```mermaid block under \"## Lifecycle\".");
        Assert.Equal(FollowUpTransitions.ToMermaid().Trim(), block.Groups[1].Value.Trim());
    }

    [GeneratedRegex("## Lifecycle\\n.*?```mermaid\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex LifecycleBlock();
}
