using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Retention;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.TestKit.FollowUps;
using InterviewTextLine.TestKit.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core.Tests.FollowUps;

public sealed class RetentionSweeperTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retention_deletes_only_conversations_idle_longer_than_the_retention_period_with_their_index_entries()
    {
        var bed = new FollowUpTestBed();
        var old = FollowUpTestBed.Texter(1);
        var recent = FollowUpTestBed.Texter(2);
        await bed.EmailAsync(old);
        bed.Time.Advance(TimeSpan.FromDays(2));
        await bed.EmailAsync(recent);

        bed.Time.Advance(TimeSpan.FromDays(29));
        var sweeper = Sweeper(bed.Store, bed.Time);
        var result = await sweeper.RunAsync(Cancellation);

        Assert.Equal(new RetentionSweepResult(Deleted: 1, Leftovers: 0, Finished: true), result);
        Assert.Null(await bed.Store.ReadAsync(old, Cancellation));
        Assert.NotNull(await bed.Store.ReadAsync(recent, Cancellation));
        Assert.Equal([recent], (await bed.IndexAsync()).Select(entry => entry.Texter));

        Assert.Equal(0, (await sweeper.RunAsync(Cancellation)).Deleted);
    }

    [Fact]
    public async Task Forget_records_are_deleted_once_they_are_as_old_as_the_retention_period()
    {
        var bed = new FollowUpTestBed();
        await bed.Store.ForgetAsync(FollowUpTestBed.Texter(1), "SM1", ForgetRemainder.Nothing, Cancellation);

        bed.Time.Advance(TimeSpan.FromDays(29));
        var early = await Sweeper(bed.Store, bed.Time).RunAsync(Cancellation);
        bed.Time.Advance(TimeSpan.FromDays(2));
        var due = await Sweeper(bed.Store, bed.Time).RunAsync(Cancellation);

        Assert.Equal(0, early.Leftovers);
        Assert.Equal(1, due.Leftovers);
        Assert.True(await bed.Store.ForgetAsync(FollowUpTestBed.Texter(1), "SM1", ForgetRemainder.Nothing, Cancellation), "The expired record still stopped a FORGET.");
    }

    [Fact]
    public async Task A_sweep_that_runs_out_of_time_saves_its_place_and_the_next_run_continues_from_there()
    {
        var bed = new FollowUpTestBed();
        for (var n = 1; n <= 7; n++)
        {
            await bed.EmailAsync(FollowUpTestBed.Texter(n));
        }

        // Texter 0 sorts before every other one; it is still active when the first run passes it.
        bed.Time.Advance(TimeSpan.FromDays(20));
        var late = FollowUpTestBed.Texter(0);
        await bed.EmailAsync(late);
        bed.Time.Advance(TimeSpan.FromDays(11));

        // Every page read takes 2 seconds of a 5-second budget: the first run reads three pages of two rows
        // (texters 0 to 5, of which 1 to 5 are idle) and stops.
        var scan = new SlowRetentionScan(bed.Store, bed.Time, TimeSpan.FromSeconds(2));
        var first = await Sweeper(scan, bed.Store, bed.Time, pageSize: 2).RunAsync(Cancellation);
        var checkpoint = await bed.Store.ReadCheckpointAsync(Cancellation);

        // Between the runs, texter 0 goes idle too; a run that started over would find it.
        bed.Time.Advance(TimeSpan.FromDays(20));
        scan.Reads.Clear();
        var second = await Sweeper(scan, bed.Store, bed.Time, pageSize: 2).RunAsync(Cancellation);

        Assert.Equal(new RetentionSweepResult(Deleted: 5, Leftovers: 0, Finished: false), first);
        Assert.NotNull(checkpoint);
        Assert.Equal(checkpoint, scan.Reads[0]);
        Assert.Equal(new RetentionSweepResult(Deleted: 2, Leftovers: 0, Finished: true), second);
        Assert.NotNull(await bed.Store.ReadAsync(late, Cancellation));
        Assert.Null(await bed.Store.ReadCheckpointAsync(Cancellation));

        scan.Reads.Clear();
        var third = await Sweeper(scan, bed.Store, bed.Time, pageSize: 2).RunAsync(Cancellation);
        Assert.Null(scan.Reads[0]);
        Assert.Equal(1, third.Deleted);
        Assert.Null(await bed.Store.ReadAsync(late, Cancellation));
    }

    private static RetentionSweeper Sweeper(InMemoryConversationStore store, TimeProvider time) => Sweeper(store, store, time, pageSize: 1000);

    private static RetentionSweeper Sweeper(IRetentionScan scan, IConversationStore store, TimeProvider time, int pageSize) =>
        new(scan, store, time, Options.Create(new PrivacyOptions { RetentionDays = 30, RetentionRunBudget = TimeSpan.FromSeconds(5) }), NullLogger<RetentionSweeper>.Instance)
        {
            PageSize = pageSize,
        };
}
