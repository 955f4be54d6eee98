using InterviewTextLine.Core.Storage;
using static InterviewTextLine.TestKit.Builders.ConversationBuilder;
using static InterviewTextLine.TestKit.Builders.TestData;

namespace InterviewTextLine.TestKit.Storage;

/// <summary>
/// The semantics every <see cref="IHandoffOutbox"/> keeps: a row per request, added once however often a retried text
/// adds it, read when ready in time order, rescheduled after a failed attempt, and gone after removal, FORGET or a
/// texter's deletion, number and all.
/// </summary>
public abstract class HandoffOutboxContract : StorageContract
{
    private static HandoffEntry NewEntry(TexterId texter, DateTimeOffset at, string? id = null) =>
        new(id ?? Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), texter, "v1.c2VhbGVk", "es", ["questions", "safety"], at);

    [Fact]
    public async Task A_request_reads_back_with_every_field_once_it_is_ready()
    {
        var entry = NewEntry(NewTexter(), Epoch);
        await Outbox.AddAsync(entry, Cancellation);

        Assert.Empty(await Outbox.ReadDueAsync(Epoch.AddSeconds(-1), 10, Cancellation));
        var read = Assert.Single(await Outbox.ReadDueAsync(Epoch, 10, Cancellation));

        Assert.Equal((entry.RequestId, entry.Texter, entry.ProtectedNumber, entry.Language, entry.RequestedAt, 0, (DateTimeOffset?)null),
            (read.RequestId, read.Texter, read.ProtectedNumber, read.Language, read.RequestedAt, read.Attempts, read.NextAttemptAt));
        Assert.Equal(["questions", "safety"], read.Situations);
    }

    [Fact]
    public async Task Adding_the_same_request_again_keeps_the_row_and_its_attempts()
    {
        var entry = NewEntry(NewTexter(), Epoch);
        await Outbox.AddAsync(entry, Cancellation);
        await Outbox.RescheduleAsync(entry.RequestId, 2, Epoch.AddMinutes(1), Cancellation);

        await Outbox.AddAsync(entry with { Language = "en" }, Cancellation);

        var read = Assert.Single(await Outbox.ReadDueAsync(Epoch.AddHours(1), 10, Cancellation));
        Assert.Equal(("es", 2, Epoch.AddMinutes(1)), (read.Language, read.Attempts, read.ReadyAt));
    }

    [Fact]
    public async Task A_rescheduled_request_waits_until_its_next_attempt_and_ready_rows_come_earliest_first()
    {
        var (first, second) = (NewEntry(NewTexter(), Epoch), NewEntry(NewTexter(), Epoch.AddSeconds(10)));
        await Outbox.AddAsync(second, Cancellation);
        await Outbox.AddAsync(first, Cancellation);
        await Outbox.RescheduleAsync(first.RequestId, 1, Epoch.AddMinutes(5), Cancellation);

        Assert.Equal([second.RequestId], (await Outbox.ReadDueAsync(Epoch.AddMinutes(1), 10, Cancellation)).Select(e => e.RequestId));
        Assert.Equal([second.RequestId, first.RequestId], (await Outbox.ReadDueAsync(Epoch.AddMinutes(5), 10, Cancellation)).Select(e => e.RequestId));
        Assert.Single(await Outbox.ReadDueAsync(Epoch.AddMinutes(5), 1, Cancellation));
    }

    [Fact]
    public async Task A_removed_request_is_gone_and_removing_or_rescheduling_a_missing_one_is_no_error()
    {
        var entry = NewEntry(NewTexter(), Epoch);
        await Outbox.AddAsync(entry, Cancellation);

        await Outbox.RemoveAsync(entry.RequestId, Cancellation);
        await Outbox.RemoveAsync(entry.RequestId, Cancellation);
        await Outbox.RescheduleAsync(entry.RequestId, 1, Epoch, Cancellation);

        Assert.Empty(await Outbox.ReadDueAsync(Epoch.AddDays(1), 10, Cancellation));
    }

    [Fact]
    public async Task Forgetting_or_deleting_a_texter_removes_their_requests_and_no_one_elses()
    {
        var (forgotten, deleted, other) = (NewTexter(), NewTexter(), NewTexter());
        foreach (var texter in new[] { forgotten, deleted, other })
        {
            await Store.SaveWithReceiptAsync(texter, AConversation(), null, NewReceipt(), Cancellation);
            await Outbox.AddAsync(NewEntry(texter, Epoch), Cancellation);
        }

        await Store.ForgetAsync(forgotten, NewMessageSid(), ForgetRemainder.Nothing, Cancellation);
        await Store.DeleteAsync(deleted, Cancellation);

        var left = Assert.Single(await Outbox.ReadDueAsync(Epoch.AddDays(1), 10, Cancellation));
        Assert.Equal(other, left.Texter);
    }
}
