using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.TestKit.FollowUps;
using InterviewTextLine.TestKit.Waiting;

namespace InterviewTextLine.Core.Tests.FollowUps;

public sealed class FollowUpProcessorTests
{
    private static readonly TexterId Ann = FollowUpTestBed.Texter(1);
    private static readonly TexterId Ben = FollowUpTestBed.Texter(2);

    [Fact]
    public async Task Nothing_is_sent_before_the_follow_up_is_due()
    {
        var bed = new FollowUpTestBed();
        await bed.EmailAsync(Ann);

        bed.Time.Advance(bed.Options.Delay - TimeSpan.FromSeconds(1));
        var result = await bed.RunAsync();

        Assert.Empty(bed.Sender.Sent);
        Assert.Empty(result.Sent);
        Assert.Equal(FollowUpStatus.Scheduled, (await bed.FollowUpAsync(Ann)).Status);
        Assert.Single(await bed.IndexAsync());
    }

    [Fact]
    public async Task A_due_follow_up_is_sent_exactly_once_and_leaves_no_index_entry()
    {
        var bed = new FollowUpTestBed();
        await bed.EmailAsync(Ann, "ann@example.com");

        bed.Time.Advance(bed.Options.Delay);
        var first = await bed.RunAsync();
        bed.Time.Advance(TimeSpan.FromHours(5));
        var second = await bed.RunAsync();

        var email = Assert.Single(bed.Sender.Sent);
        Assert.Equal("ann@example.com", email.To);
        Assert.Equal($"fake:{email.Id}", Assert.Single(first.Sent));
        Assert.Empty(second.Sent);
        var followUp = await bed.FollowUpAsync(Ann);
        Assert.Equal(FollowUpStatus.Sent, followUp.Status);
        Assert.Equal(FollowUpTestBed.Start + bed.Options.Delay, followUp.SentAt);
        Assert.Equal(1, followUp.Attempts);
        Assert.Empty(await bed.IndexAsync());
    }

    [Fact]
    public async Task A_later_text_moves_the_index_entry_and_delays_the_send()
    {
        var bed = new FollowUpTestBed();
        await bed.EmailAsync(Ann);
        bed.Time.Advance(TimeSpan.FromMinutes(90));
        await bed.TextAsync(Ann);
        var pushedTo = bed.Time.GetUtcNow() + bed.Options.Delay;

        bed.Time.Advance(TimeSpan.FromMinutes(30));
        var atOriginalDue = await bed.RunAsync();

        Assert.Empty(bed.Sender.Sent);
        Assert.Equal(1, atOriginalDue.Skipped);
        var entry = Assert.Single(await bed.IndexAsync());
        Assert.Equal(pushedTo, entry.DueAt);
        Assert.Equal(pushedTo, (await bed.FollowUpAsync(Ann)).IndexedAt);

        bed.Time.Advance(pushedTo - bed.Time.GetUtcNow() - TimeSpan.FromMinutes(1));
        await bed.RunAsync();
        Assert.Empty(bed.Sender.Sent);

        bed.Time.Advance(TimeSpan.FromMinutes(1));
        await bed.RunAsync();
        Assert.Single(bed.Sender.Sent);
        Assert.Empty(await bed.IndexAsync());
    }

    [Theory]
    [InlineData("NOEMAIL")]
    [InlineData("STOP")]
    public async Task A_cancelled_or_opted_out_follow_up_is_not_sent_and_its_entry_is_dropped(string keyword)
    {
        var bed = new FollowUpTestBed();
        await bed.EmailAsync(Ann);
        await bed.ChangeAsync(Ann, conversation => conversation with
        {
            OptedOut = keyword == "STOP",
            FollowUp = conversation.FollowUp!.Cancel(),
        });

        bed.Time.Advance(bed.Options.Delay);
        var result = await bed.RunAsync();

        Assert.Empty(bed.Sender.Sent);
        Assert.Equal(1, result.Skipped);
        Assert.Empty(await bed.IndexAsync());
    }

    [Fact]
    public async Task An_opted_out_texter_is_never_emailed_even_if_the_follow_up_still_says_scheduled()
    {
        var bed = new FollowUpTestBed();
        await bed.EmailAsync(Ann);
        await bed.ChangeAsync(Ann, conversation => conversation with { OptedOut = true });

        bed.Time.Advance(bed.Options.Delay);
        await bed.RunAsync();

        Assert.Empty(bed.Sender.Sent);
        Assert.Empty(await bed.IndexAsync());
    }

    [Fact]
    public async Task A_forgotten_texter_is_not_emailed_and_a_leftover_entry_is_dropped()
    {
        var bed = new FollowUpTestBed();
        await bed.EmailAsync(Ann);
        await bed.Store.DeleteAsync(Ann, TestContext.Current.CancellationToken);

        // An entry written after the delete stands for one a Table Storage delete could miss.
        await bed.Store.AddEntryAsync(Ann, FollowUpTestBed.Start + bed.Options.Delay, TestContext.Current.CancellationToken);
        bed.Time.Advance(bed.Options.Delay);
        var result = await bed.RunAsync();

        Assert.Empty(bed.Sender.Sent);
        Assert.Equal(1, result.Skipped);
        Assert.Empty(await bed.IndexAsync());
        Assert.Null(await bed.Store.ReadAsync(Ann, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_rate_limit_waits_for_the_reset_time_then_sends_once()
    {
        var bed = new FollowUpTestBed();
        await bed.EmailAsync(Ann);
        bed.Time.Advance(bed.Options.Delay);
        var resetAt = bed.Time.GetUtcNow() + TimeSpan.FromMinutes(10);
        bed.Sender.Then(new EmailSendResult.RateLimited(resetAt));

        var limited = await bed.RunAsync();
        Assert.Equal(1, limited.Retried);
        var waiting = await bed.FollowUpAsync(Ann);
        Assert.Equal(FollowUpStatus.Scheduled, waiting.Status);
        Assert.Equal(resetAt, waiting.NextAttemptAt);
        Assert.Equal(0, waiting.Attempts);
        Assert.Equal(resetAt, Assert.Single(await bed.IndexAsync()).DueAt);

        bed.Time.Advance(TimeSpan.FromMinutes(9));
        await bed.RunAsync();
        Assert.Single(bed.Sender.Sent);

        bed.Time.Advance(TimeSpan.FromMinutes(1));
        var sent = await bed.RunAsync();
        Assert.Single(sent.Sent);
        Assert.Equal(2, bed.Sender.Sent.Count);
        Assert.Equal(FollowUpStatus.Sent, (await bed.FollowUpAsync(Ann)).Status);

        bed.Time.Advance(TimeSpan.FromHours(1));
        await bed.RunAsync();
        Assert.Equal(2, bed.Sender.Sent.Count);
    }

    [Fact]
    public async Task A_server_error_is_retried_with_backoff_and_recorded_as_failed_after_max_attempts()
    {
        var bed = new FollowUpTestBed(new FollowUpOptions { MaxAttempts = 3 });
        await bed.EmailAsync(Ann);
        for (var i = 0; i < 5; i++)
        {
            bed.Sender.Then(new EmailSendResult.Transient("http-500"));
        }

        bed.Time.Advance(bed.Options.Delay);
        Assert.Equal(1, (await bed.RunAsync()).Retried);
        var afterFirst = await bed.FollowUpAsync(Ann);
        Assert.Equal(1, afterFirst.Attempts);
        Assert.Equal("http-500", afterFirst.LastError);
        Assert.Equal(bed.Time.GetUtcNow() + TimeSpan.FromMinutes(1), afterFirst.NextAttemptAt);

        bed.Time.Advance(TimeSpan.FromSeconds(59));
        await bed.RunAsync();
        Assert.Single(bed.Sender.Sent);

        bed.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await bed.RunAsync()).Retried);
        Assert.Equal(bed.Time.GetUtcNow() + TimeSpan.FromMinutes(2), (await bed.FollowUpAsync(Ann)).NextAttemptAt);

        bed.Time.Advance(TimeSpan.FromMinutes(2));
        var last = await bed.RunAsync();

        Assert.Equal(1, last.Failed);
        var failed = await bed.FollowUpAsync(Ann);
        Assert.Equal(FollowUpStatus.Failed, failed.Status);
        Assert.Equal("http-500", failed.LastError);
        Assert.Equal(3, failed.Attempts);
        Assert.Empty(await bed.IndexAsync());

        bed.Time.Advance(TimeSpan.FromHours(3));
        await bed.RunAsync();
        Assert.Equal(3, bed.Sender.Sent.Count);
    }

    [Fact]
    public async Task A_permanent_refusal_is_recorded_as_failed_at_once()
    {
        var bed = new FollowUpTestBed();
        await bed.EmailAsync(Ann);
        bed.Sender.Then(new EmailSendResult.Permanent("http-400:from"));

        bed.Time.Advance(bed.Options.Delay);
        var result = await bed.RunAsync();
        bed.Time.Advance(TimeSpan.FromHours(3));
        await bed.RunAsync();

        Assert.Equal(1, result.Failed);
        Assert.Single(bed.Sender.Sent);
        var followUp = await bed.FollowUpAsync(Ann);
        Assert.Equal(FollowUpStatus.Failed, followUp.Status);
        Assert.Equal("http-400:from", followUp.LastError);
    }

    [Fact]
    public async Task A_process_dying_after_the_provider_accepted_leaves_a_claim_that_is_recorded_unconfirmed_and_never_resent()
    {
        var bed = new FollowUpTestBed();
        await bed.EmailAsync(Ann);
        using var dying = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        // The provider took the message; the host stops before the sweep can write "sent".
        bed.Sender.OnSend = async (_, token) =>
        {
            await dying.CancelAsync();
            token.ThrowIfCancellationRequested();
        };
        bed.Time.Advance(bed.Options.Delay);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bed.Processor.RunAsync(dying.Token));
        bed.Sender.OnSend = null;

        Assert.Equal(FollowUpStatus.Claimed, (await bed.FollowUpAsync(Ann)).Status);

        // A sweep soon after may be racing the one still sending: it leaves the claim alone.
        bed.Time.Advance(TimeSpan.FromMinutes(5));
        var early = await bed.RunAsync();
        Assert.Equal(1, early.Skipped);
        Assert.Equal(FollowUpStatus.Claimed, (await bed.FollowUpAsync(Ann)).Status);

        bed.Time.Advance(FollowUpProcessor.ClaimTimeout);
        var late = await bed.RunAsync();

        Assert.Equal(1, late.Failed);
        Assert.Single(bed.Sender.Sent);
        var followUp = await bed.FollowUpAsync(Ann);
        Assert.Equal(FollowUpStatus.Failed, followUp.Status);
        Assert.Equal(FollowUpProcessor.Unconfirmed, followUp.LastError);
        Assert.Empty(await bed.IndexAsync());

        bed.Time.Advance(TimeSpan.FromDays(1));
        await bed.RunAsync();
        Assert.Single(bed.Sender.Sent);
    }

    [Fact]
    public async Task A_sender_that_throws_is_recorded_unconfirmed_and_never_resent()
    {
        var bed = new FollowUpTestBed();
        await bed.EmailAsync(Ann);
        bed.Sender.OnSend = (_, _) => throw new InvalidOperationException("connection reset after the request went out");

        bed.Time.Advance(bed.Options.Delay);
        var result = await bed.RunAsync();
        bed.Sender.OnSend = null;
        bed.Time.Advance(TimeSpan.FromHours(3));
        await bed.RunAsync();

        Assert.Equal(1, result.Failed);
        Assert.Single(bed.Sender.Sent);
        Assert.Equal(FollowUpProcessor.Unconfirmed, (await bed.FollowUpAsync(Ann)).LastError);
    }

    [Fact]
    public async Task A_text_arriving_during_the_send_does_not_lose_the_sent_mark()
    {
        var bed = new FollowUpTestBed();
        await bed.EmailAsync(Ann);
        bed.Sender.OnSend = (_, _) => bed.TextAsync(Ann);

        bed.Time.Advance(bed.Options.Delay);
        var result = await bed.RunAsync();

        Assert.Single(result.Sent);
        var stored = await bed.Store.ReadAsync(Ann, TestContext.Current.CancellationToken);
        Assert.Equal(FollowUpStatus.Sent, stored!.Conversation.FollowUp!.Status);
        Assert.Equal(bed.Time.GetUtcNow(), stored.Conversation.LastMessageAt);
        Assert.Empty(await bed.IndexAsync());
    }

    [Fact]
    public async Task A_run_that_reaches_its_budget_stops_and_the_next_run_continues()
    {
        var bed = new FollowUpTestBed(new FollowUpOptions { RunBudget = TimeSpan.FromMinutes(1), MaxConcurrency = 1 });
        await bed.EmailAsync(Ann);
        await bed.EmailAsync(Ben);
        await bed.EmailAsync(FollowUpTestBed.Texter(3));
        bed.Sender.OnSend = (_, _) =>
        {
            bed.Time.Advance(TimeSpan.FromSeconds(40));
            return Task.CompletedTask;
        };

        bed.Time.Advance(bed.Options.Delay);
        var first = await bed.RunAsync();

        Assert.True(first.StoppedEarly);
        Assert.Equal(2, first.Sent.Count);
        Assert.Single(await bed.IndexAsync());

        var second = await bed.RunAsync();
        Assert.False(second.StoppedEarly);
        Assert.Single(second.Sent);
        Assert.Equal(3, bed.Sender.Sent.Select(email => email.Id).Distinct().Count());
    }

    [Fact]
    public async Task Sends_run_concurrently_but_never_more_than_max_concurrency_at_once()
    {
        const int due = 7;
        var bed = new FollowUpTestBed(new FollowUpOptions { MaxConcurrency = 3 });
        for (var n = 1; n <= due; n++)
        {
            await bed.EmailAsync(FollowUpTestBed.Texter(n));
        }

        var gate = new Lock();
        var inFlight = 0;
        var started = 0;
        var maxInFlight = 0;
        var fullSet = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var patience = Patience.Start();
        bed.Sender.OnSend = async (_, token) =>
        {
            lock (gate)
            {
                inFlight++;
                started++;
                maxInFlight = Math.Max(maxInFlight, inFlight);
                if (started == bed.Options.MaxConcurrency)
                {
                    fullSet.TrySetResult();
                }
            }

            using var held = CancellationTokenSource.CreateLinkedTokenSource(token, patience.Token);
            await open.Task.WaitAsync(held.Token);
            lock (gate)
            {
                inFlight--;
            }
        };

        bed.Time.Advance(bed.Options.Delay);
        var run = bed.RunAsync();
        await fullSet.Task.WaitAsync(patience.Token);

        // Every send is held: a sweep that ignored the bound would have started all of them by now.
        lock (gate)
        {
            Assert.Equal(bed.Options.MaxConcurrency, started);
        }

        open.SetResult();
        var result = await run;

        Assert.Equal(due, result.Sent.Count);
        Assert.Equal(bed.Options.MaxConcurrency, maxInFlight);
    }

    [Fact]
    public async Task A_rate_limit_stops_the_sweep_from_claiming_more_until_the_reset()
    {
        var bed = new FollowUpTestBed(new FollowUpOptions { MaxConcurrency = 1 });
        await bed.EmailAsync(Ann);
        await bed.EmailAsync(Ben);
        bed.Time.Advance(bed.Options.Delay);
        bed.Sender.Then(new EmailSendResult.RateLimited(bed.Time.GetUtcNow() + TimeSpan.FromMinutes(2)));

        var result = await bed.RunAsync();

        Assert.Single(bed.Sender.Sent);
        Assert.Equal(1, result.Retried);
        Assert.Equal(2, (await bed.IndexAsync()).Count);

        bed.Time.Advance(TimeSpan.FromMinutes(2));
        var next = await bed.RunAsync();
        Assert.Equal(2, next.Sent.Count);
    }

    [Fact]
    public async Task A_full_page_of_entries_the_sweep_cannot_settle_does_not_hide_a_due_entry_behind_it()
    {
        var bed = new FollowUpTestBed();
        var busy = Enumerable.Range(100, DueEntryPages.BatchSize).Select(FollowUpTestBed.Texter).ToList();
        foreach (var texter in busy)
        {
            await bed.EmailAsync(texter);
        }

        bed.Time.Advance(TimeSpan.FromMinutes(1));
        await bed.EmailAsync(Ann, "ann@example.com");
        bed.Time.Advance(bed.Options.Delay + TimeSpan.FromMinutes(5));

        // Another sweep is sending each of the earlier ones right now: this sweep must leave them be.
        foreach (var texter in busy)
        {
            await bed.ChangeAsync(texter, conversation => conversation with { FollowUp = conversation.FollowUp!.Claim(bed.Time.GetUtcNow()) });
        }

        var result = await bed.RunAsync();

        var email = Assert.Single(bed.Sender.Sent);
        Assert.Equal("ann@example.com", email.To);
        Assert.Single(result.Sent);
        Assert.Equal(DueEntryPages.BatchSize, result.Skipped);
        Assert.Equal(DueEntryPages.BatchSize, (await bed.IndexAsync()).Count);
    }

    [Fact]
    public async Task The_address_is_cleared_once_the_follow_up_is_sent_or_failed()
    {
        var bed = new FollowUpTestBed();
        await bed.EmailAsync(Ann, "ann@example.com");
        await bed.EmailAsync(Ben, "ben@example.com");
        bed.Sender.Then(email => email.To == "ben@example.com" ? new EmailSendResult.Permanent("http-400:to") : new EmailSendResult.Accepted("fake"));
        bed.Sender.Then(email => email.To == "ben@example.com" ? new EmailSendResult.Permanent("http-400:to") : new EmailSendResult.Accepted("fake"));

        bed.Time.Advance(bed.Options.Delay);
        await bed.RunAsync();

        var ann = (await bed.Store.ReadAsync(Ann, CancellationToken.None))!.Conversation;
        var ben = (await bed.Store.ReadAsync(Ben, CancellationToken.None))!.Conversation;
        Assert.Equal((FollowUpStatus.Sent, (string?)null), (ann.FollowUp!.Status, ann.Email));
        Assert.Equal((FollowUpStatus.Failed, (string?)null), (ben.FollowUp!.Status, ben.Email));
    }

    [Fact]
    public async Task A_retried_follow_up_keeps_its_address()
    {
        var bed = new FollowUpTestBed();
        await bed.EmailAsync(Ann, "ann@example.com");
        bed.Sender.Then(new EmailSendResult.Transient("http-503"));

        bed.Time.Advance(bed.Options.Delay);
        await bed.RunAsync();

        var ann = (await bed.Store.ReadAsync(Ann, CancellationToken.None))!.Conversation;
        Assert.Equal((FollowUpStatus.Scheduled, "ann@example.com"), (ann.FollowUp!.Status, ann.Email));
    }
}
