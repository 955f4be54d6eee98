using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Storage;
using static InterviewTextLine.TestKit.Builders.ConversationBuilder;
using static InterviewTextLine.TestKit.Builders.TestData;

namespace InterviewTextLine.TestKit.Storage;

/// <summary>
/// The semantics every <see cref="IRetentionScan"/> keeps: idle conversations by their last message, FORGET
/// records by their age, pages that resume where the last one ended even while what they found is deleted, and
/// a checkpoint that outlives the sweep that wrote it.
/// </summary>
public abstract class RetentionScanContract : StorageContract
{
    /// <summary>
    /// The real clock, because Table Storage dates each FORGET record by the server's own timestamp; the tests that
    /// use it leave a day's margin either side, so no test depends on how fast it runs.
    /// </summary>
    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task The_scan_finds_only_conversations_whose_last_message_is_before_the_cutoff()
    {
        var cutoff = Epoch.AddDays(30);
        var (idle, active, exactlyAtCutoff) = (NewTexter(), NewTexter(), NewTexter());
        // A second apart, not a tick: Azurite compares times in query filters to the millisecond.
        await Store.SaveWithReceiptAsync(idle, AConversation().LastMessageAt(cutoff.AddSeconds(-1)), null, NewReceipt(), Cancellation);
        await Store.SaveWithReceiptAsync(active, AConversation().LastMessageAt(cutoff.AddDays(1)), null, NewReceipt(), Cancellation);
        await Store.SaveWithReceiptAsync(exactlyAtCutoff, AConversation().LastMessageAt(cutoff), null, NewReceipt(), Cancellation);

        var (found, leftovers) = await ScanAllAsync(cutoff, Now.AddDays(-1), pageSize: 1000);

        Assert.Equal([idle], found);
        Assert.Empty(leftovers);
    }

    [Fact]
    public async Task The_scan_names_the_state_each_idle_conversation_was_left_in_and_nothing_of_active_ones()
    {
        var cutoff = Epoch.AddDays(30);
        var (idle, active) = (NewTexter(), NewTexter());
        await Store.SaveWithReceiptAsync(idle, AConversation().InState("leave_now").LastMessageAt(cutoff.AddDays(-1)), null, NewReceipt(), Cancellation);
        await Store.SaveWithReceiptAsync(active, AConversation().InState("nerves").LastMessageAt(cutoff.AddDays(1)), null, NewReceipt(), Cancellation);

        var page = await Scan.ReadPageAsync(cutoff, Now.AddDays(-1), DateTimeOffset.MinValue, null, pageSize: 1000, Cancellation);

        Assert.Equal("leave_now", page.IdleStates[idle.Value]);
        Assert.False(page.IdleStates.ContainsKey(active.Value));
    }

    [Fact]
    public async Task Small_pages_resume_where_the_last_ended_and_find_each_idle_texter_once_while_they_are_deleted()
    {
        var texters = Enumerable.Range(0, 7).Select(_ => NewTexter()).ToList();
        foreach (var texter in texters)
        {
            await Store.SaveWithReceiptAsync(texter, AConversation(), null, NewReceipt(), Cancellation);
        }

        var found = new List<TexterId>();
        string? resumeAt = null;
        var pages = 0;
        do
        {
            var page = await Scan.ReadPageAsync(Epoch.AddDays(1), Now.AddDays(-1), DateTimeOffset.MinValue, resumeAt, pageSize: 2, Cancellation);
            foreach (var texter in page.Idle)
            {
                await Store.DeleteAsync(texter, Cancellation);
            }

            found.AddRange(page.Idle);
            resumeAt = page.ResumeAt;
            Assert.True(++pages < 50, "The scan does not end.");
        }
        while (resumeAt is not null);

        Assert.Equal(texters.Select(texter => texter.Value).Order(StringComparer.Ordinal), found.Select(texter => texter.Value).Order(StringComparer.Ordinal));
        Assert.True(pages >= 4, $"{pages} pages of at most 2 for 7 texters.");
        Assert.All(texters, texter => Assert.Null(Store.ReadAsync(texter, Cancellation).Result));
    }

    [Fact]
    public async Task Forget_records_are_leftovers_once_older_than_the_cutoff_and_deleting_them_lets_the_same_message_forget_again()
    {
        var texter = NewTexter();
        var forget = NewMessageSid();
        await Store.SaveWithReceiptAsync(texter, AConversation().LastMessageAt(Now), null, NewReceipt(), Cancellation);
        await Store.ForgetAsync(texter, forget, ForgetRemainder.Nothing, Cancellation);

        var (_, young) = await ScanAllAsync(Epoch, forgottenBefore: Now.AddDays(-1), pageSize: 1000);
        var (_, old) = await ScanAllAsync(Epoch, forgottenBefore: Now.AddDays(1), pageSize: 1000);
        await Scan.DeleteLeftoversAsync(old, Cancellation);
        var (_, afterDeleting) = await ScanAllAsync(Epoch, forgottenBefore: Now.AddDays(1), pageSize: 1000);

        Assert.Empty(young);
        Assert.Single(old);
        Assert.Empty(afterDeleting);
        Assert.DoesNotContain(texter.Value, old[0], StringComparison.Ordinal);
        Assert.True(await Store.ForgetAsync(texter, forget, ForgetRemainder.Nothing, Cancellation));
        await Scan.DeleteLeftoversAsync(old, Cancellation);
    }

    [Fact]
    public async Task The_checkpoint_is_kept_until_cleared()
    {
        Assert.Null(await Scan.ReadCheckpointAsync(Cancellation));

        await Scan.WriteCheckpointAsync("somewhere in the middle", Cancellation);
        var kept = await Scan.ReadCheckpointAsync(Cancellation);
        await Scan.WriteCheckpointAsync(null, Cancellation);
        await Scan.WriteCheckpointAsync(null, Cancellation);

        Assert.Equal("somewhere in the middle", kept);
        Assert.Null(await Scan.ReadCheckpointAsync(Cancellation));
    }

    [Fact]
    public async Task The_checkpoint_and_forget_records_are_never_taken_for_conversations()
    {
        await Scan.WriteCheckpointAsync("checkpoint", Cancellation);
        await Store.ForgetAsync(NewTexter(), NewMessageSid(), ForgetRemainder.Nothing, Cancellation);

        var (idle, leftovers) = await ScanAllAsync(DateTimeOffset.MaxValue, Now.AddDays(-1), pageSize: 1000);

        Assert.Empty(idle);
        Assert.Empty(leftovers);
        Assert.Equal("checkpoint", await Scan.ReadCheckpointAsync(Cancellation));
    }

    [Fact]
    public async Task Reply_tallies_and_address_claims_are_leftovers_once_expired_and_never_idle_conversations()
    {
        var (expiredTally, liveTally) = (NewTexter(), NewTexter());
        var now = Now;
        await Store.ForgetAsync(expiredTally, NewMessageSid(), ForgetRemainder.Of(new ReplyTally(now.AddMinutes(-20), now.AddMinutes(-10), 3, 1)), Cancellation);
        await Store.ForgetAsync(liveTally, NewMessageSid(), ForgetRemainder.Of(new ReplyTally(now.AddMinutes(-5), now.AddMinutes(5), 3, 0)), Cancellation);
        Assert.True(await Claims.TryClaimAddressAsync(new AddressKey(NewTexter().Value), "old", now.AddDays(-2), now.AddDays(-1), Cancellation));
        Assert.True(await Claims.TryClaimAddressAsync(new AddressKey(NewTexter().Value), "new", now, now.AddDays(1), Cancellation));

        var (idle, leftovers) = await ScanAllAsync(DateTimeOffset.MaxValue, now.AddDays(-30), pageSize: 1000, expiredBefore: now);

        Assert.Empty(idle);
        Assert.Equal(2, leftovers.Count);
        await Scan.DeleteLeftoversAsync(leftovers, Cancellation);
        Assert.Null((await Store.ReadForMessageAsync(expiredTally, NewMessageSid(), Cancellation)).ETag);
        Assert.NotNull((await Store.ReadForMessageAsync(liveTally, NewMessageSid(), Cancellation)).Tally);
        Assert.Empty((await ScanAllAsync(DateTimeOffset.MaxValue, now.AddDays(-30), pageSize: 1000, expiredBefore: now)).Leftovers);
    }

    [Fact]
    public async Task An_expired_tally_or_claim_written_again_after_the_scan_read_it_is_not_deleted()
    {
        var (tallied, address) = (NewTexter(), new AddressKey(NewTexter().Value));
        var now = Now;
        await Store.ForgetAsync(tallied, NewMessageSid(), ForgetRemainder.Of(new ReplyTally(now.AddMinutes(-20), now.AddMinutes(-10), 3, 0)), Cancellation);
        Assert.True(await Claims.TryClaimAddressAsync(address, "old", now.AddDays(-2), now.AddDays(-1), Cancellation));
        var (_, leftovers) = await ScanAllAsync(DateTimeOffset.MaxValue, now.AddDays(-30), pageSize: 1000, expiredBefore: now);
        Assert.Equal(2, leftovers.Count);

        // The texter texts again, and another conversation claims the address, before the sweep deletes.
        var snapshot = await Store.ReadForMessageAsync(tallied, NewMessageSid(), Cancellation);
        await Store.SaveWithReceiptAsync(tallied, AConversation().InState("back"), snapshot.ETag, NewReceipt(), Cancellation);
        Assert.True(await Claims.TryClaimAddressAsync(address, "new", now, now.AddDays(1), Cancellation));
        await Scan.DeleteLeftoversAsync(leftovers, Cancellation);

        Assert.Equal("back", (await Store.ReadAsync(tallied, Cancellation))?.Conversation.StateId);
        Assert.False(await Claims.TryClaimAddressAsync(address, "third", now, now.AddDays(1), Cancellation));
    }

    /// <summary>Every page of a scan, from the start.</summary>
    protected async Task<(List<TexterId> Idle, List<string> Leftovers)> ScanAllAsync(
        DateTimeOffset idleSince, DateTimeOffset forgottenBefore, int pageSize, DateTimeOffset? expiredBefore = null)
    {
        var (idle, leftovers) = (new List<TexterId>(), new List<string>());
        string? resumeAt = null;
        do
        {
            var page = await Scan.ReadPageAsync(idleSince, forgottenBefore, expiredBefore ?? DateTimeOffset.MinValue, resumeAt, pageSize, Cancellation);
            idle.AddRange(page.Idle);
            leftovers.AddRange(page.Leftovers);
            resumeAt = page.ResumeAt;
        }
        while (resumeAt is not null);

        return (idle, leftovers);
    }
}
