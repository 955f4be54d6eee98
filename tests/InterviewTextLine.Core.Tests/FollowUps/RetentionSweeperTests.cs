using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Retention;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using InterviewTextLine.TestKit.FollowUps;

namespace InterviewTextLine.Core.Tests.FollowUps;

public sealed class RetentionSweeperTests
{
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
        var sweeper = new RetentionSweeper(bed.Store, bed.Store, bed.Time, Options.Create(new PrivacyOptions { RetentionDays = 30 }), NullLogger<RetentionSweeper>.Instance);
        var deleted = await sweeper.RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, deleted);
        Assert.Null(await bed.Store.ReadAsync(old, TestContext.Current.CancellationToken));
        Assert.NotNull(await bed.Store.ReadAsync(recent, TestContext.Current.CancellationToken));
        Assert.Equal([recent], (await bed.IndexAsync()).Select(entry => entry.Texter));

        Assert.Equal(0, await sweeper.RunAsync(TestContext.Current.CancellationToken));
    }
}
