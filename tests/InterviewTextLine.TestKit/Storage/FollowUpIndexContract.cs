using InterviewTextLine.Core.Storage;
using static InterviewTextLine.TestKit.Builders.ConversationBuilder;
using static InterviewTextLine.TestKit.Builders.TestData;

namespace InterviewTextLine.TestKit.Storage;

/// <summary>
/// The semantics every <see cref="IFollowUpIndex"/> keeps: due entries earliest first and bounded, exact
/// due times, idempotent adds and removes. A store's test class derives from this and says how to make
/// fresh, empty storage for each test.
/// </summary>
public abstract class FollowUpIndexContract : StorageContract
{
    [Fact]
    public async Task Due_follow_ups_come_earliest_first_and_include_the_one_due_exactly_now()
    {
        var now = Epoch.AddHours(5);
        var (early, middle, onTime, later) = (NewTexter(), NewTexter(), NewTexter(), NewTexter());
        await Index.AddEntryAsync(middle, now.AddMinutes(-30), Cancellation);
        await Index.AddEntryAsync(later, now.AddTicks(1), Cancellation);
        await Index.AddEntryAsync(onTime, now, Cancellation);
        await Index.AddEntryAsync(early, now.AddHours(-3), Cancellation);

        var due = await Index.ReadDueAsync(now, null, 10, Cancellation);

        Assert.Equal(
            [new FollowUpIndexEntry(early, now.AddHours(-3)), new FollowUpIndexEntry(middle, now.AddMinutes(-30)), new FollowUpIndexEntry(onTime, now)],
            due);
    }

    [Fact]
    public async Task Due_follow_ups_stop_at_the_maximum_and_keep_the_earliest()
    {
        var texters = Enumerable.Range(0, 7).Select(_ => NewTexter()).ToList();
        for (var i = 0; i < texters.Count; i++)
        {
            await Index.AddEntryAsync(texters[i], Epoch.AddMinutes(i), Cancellation);
        }

        var due = await Index.ReadDueAsync(Epoch.AddDays(1), null, 3, Cancellation);

        Assert.Equal(texters.Take(3), due.Select(entry => entry.Texter));
        Assert.Empty(await Index.ReadDueAsync(Epoch.AddDays(1), null, 0, Cancellation));
    }

    [Fact]
    public async Task Index_entries_keep_their_due_time_in_any_offset_and_one_texter_may_have_several()
    {
        var texter = NewTexter();
        var dueAt = new DateTimeOffset(2025, 3, 4, 12, 0, 0, TimeSpan.FromHours(2)).AddTicks(42);
        await Index.AddEntryAsync(texter, dueAt, Cancellation);
        await Index.AddEntryAsync(texter, dueAt, Cancellation);
        await Index.AddEntryAsync(texter, dueAt.AddMinutes(1), Cancellation);

        var due = await Index.ReadDueAsync(dueAt.AddHours(1), null, 10, Cancellation);

        Assert.Equal(2, due.Count);
        Assert.Equal(dueAt.UtcTicks, due[0].DueAt.UtcTicks);
        Assert.Equal(dueAt.AddMinutes(1).UtcTicks, due[1].DueAt.UtcTicks);
    }

    [Fact]
    public async Task Removing_an_index_entry_is_idempotent_and_removes_only_that_entry()
    {
        var texter = NewTexter();
        var other = NewTexter();
        await Index.AddEntryAsync(texter, Epoch, Cancellation);
        await Index.AddEntryAsync(other, Epoch, Cancellation);
        var entry = new FollowUpIndexEntry(texter, Epoch);

        await Index.RemoveEntryAsync(entry, Cancellation);
        await Index.RemoveEntryAsync(entry, Cancellation);
        await Index.RemoveEntryAsync(new FollowUpIndexEntry(NewTexter(), Epoch.AddDays(9)), Cancellation);

        var due = await Index.ReadDueAsync(Epoch, null, 10, Cancellation);
        Assert.Equal([new FollowUpIndexEntry(other, Epoch)], due);
    }

    [Fact]
    public async Task Reading_after_an_entry_continues_with_the_next_in_due_time_then_texter_order()
    {
        var texters = Enumerable.Range(0, 4).Select(_ => NewTexter()).OrderBy(texter => texter.Value, StringComparer.Ordinal).ToList();
        await Index.AddEntryAsync(texters[2], Epoch, Cancellation);
        await Index.AddEntryAsync(texters[0], Epoch, Cancellation);
        await Index.AddEntryAsync(texters[1], Epoch.AddMinutes(1), Cancellation);
        await Index.AddEntryAsync(texters[3], Epoch.AddDays(2), Cancellation);

        var first = await Index.ReadDueAsync(Epoch.AddDays(1), null, 1, Cancellation);
        var rest = await Index.ReadDueAsync(Epoch.AddDays(1), first[0], 10, Cancellation);
        var pastTheLast = await Index.ReadDueAsync(Epoch.AddDays(1), rest[^1], 10, Cancellation);

        Assert.Equal([new FollowUpIndexEntry(texters[0], Epoch)], first);
        Assert.Equal([new FollowUpIndexEntry(texters[2], Epoch), new FollowUpIndexEntry(texters[1], Epoch.AddMinutes(1))], rest);
        Assert.Empty(pastTheLast);
    }
}
