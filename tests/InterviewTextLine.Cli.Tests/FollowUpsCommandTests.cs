using InterviewTextLine.Cli.Commands;
using InterviewTextLine.Core;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Privacy;
using Microsoft.Extensions.DependencyInjection;
using InterviewTextLine.TestKit.FollowUps;

namespace InterviewTextLine.Cli.Tests;

public sealed class FollowUpsCommandTests
{
    [Fact]
    public async Task Followups_lists_due_follow_ups_by_texter_tag_and_sends_them_with_send()
    {
        var bed = new FollowUpTestBed();

        // --at shifts the command's clock, here the test bed's: the follow-up is scheduled against the same clock.
        await bed.EmailAsync(FollowUpTestBed.Texter(7), "secret-person@example.com");
        var clocks = new List<TimeProvider>();
        var command = FollowUpsCommand.Create(time =>
        {
            clocks.Add(time);

            // The sweep runs on the test bed's store and sender, at the command's (shifted) time.
            return new ServiceCollection()
                .ReplaceConversationStorage(_ => bed.Store)
                .AddSingleton<IFollowUpProcessor>(new FollowUpProcessor(
                    bed.Store, bed.Store, bed.Composer, bed.Sender, time,
                    Microsoft.Extensions.Options.Options.Create(bed.Options),
                    TestKit.Builders.TestMetrics.Create(),
                    Microsoft.Extensions.Logging.Abstractions.NullLogger<FollowUpProcessor>.Instance))
                .BuildServiceProvider();
        }, bed.Time);

        var listing = await InvokeAsync(command, "--at +3h");
        Assert.Contains("Follow-ups due at", listing, StringComparison.Ordinal);
        Assert.Contains(TexterTag.For(FollowUpTestBed.Texter(7), clocks[^1].GetUtcNow()).ToString(), listing, StringComparison.Ordinal);
        Assert.Contains("due", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-person", listing, StringComparison.Ordinal);
        Assert.Empty(bed.Sender.Sent);

        var beforeDue = await InvokeAsync(command, "--at +1h --send");
        Assert.Contains("Follow-ups due at", beforeDue, StringComparison.Ordinal);
        Assert.Contains("0 sent", beforeDue, StringComparison.Ordinal);
        Assert.Empty(bed.Sender.Sent);

        var sent = await InvokeAsync(command, "--at +3h --send");
        Assert.Contains("1 sent", sent, StringComparison.Ordinal);
        Assert.Single(bed.Sender.Sent);
        Assert.Empty(await bed.Store.ReadDueAsync(DateTimeOffset.MaxValue, null, 10, TestContext.Current.CancellationToken));
        Assert.Equal(bed.Time.GetUtcNow() + TimeSpan.FromHours(3), clocks[^1].GetUtcNow());
    }

    [Theory]
    [InlineData("+3h", 180)]
    [InlineData("90m", 90)]
    [InlineData("+1d", 1440)]
    public void At_accepts_an_offset_from_now(string text, int minutes)
    {
        var now = FollowUpTestBed.Start;
        Assert.True(FollowUpsCommand.TryParseTime(text, now, out var time));
        Assert.Equal(now.AddMinutes(minutes), time);
    }

    [Fact]
    public void At_accepts_an_absolute_time_and_rejects_nonsense()
    {
        Assert.True(FollowUpsCommand.TryParseTime("2025-06-01T14:00Z", FollowUpTestBed.Start, out var time));
        Assert.Equal(new DateTimeOffset(2025, 6, 1, 14, 0, 0, TimeSpan.Zero), time);
        Assert.False(FollowUpsCommand.TryParseTime("soon", FollowUpTestBed.Start, out _));
    }

    private static async Task<string> InvokeAsync(System.CommandLine.Command command, string arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await command.Parse(arguments).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        Assert.True(exit == 0, error.ToString());
        return output.ToString();
    }
}
