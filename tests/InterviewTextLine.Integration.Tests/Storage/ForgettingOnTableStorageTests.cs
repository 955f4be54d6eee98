using Azure.Data.Tables;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Retention;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Integration.Tests.Storage;

/// <summary>
/// FORGET and the retention sweep, end to end on Table Storage: afterwards no entity in any table
/// belongs to the texter (checked by scanning every row) but, after FORGET, the reply cap's count until its window
/// closes; and other texters keep theirs.
/// </summary>
public sealed class ForgettingOnTableStorageTests(AzuriteAssemblyFixture azurite) : IAsyncLifetime
{
    private const string Forgotten = "+15555550131";
    private const string Kept = "+15555550132";
    private LineOnTableStorage? _line;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private LineOnTableStorage Line => _line!;

    public async ValueTask InitializeAsync() => _line = await LineOnTableStorage.CreateAsync(azurite, null, Cancellation);

    public ValueTask DisposeAsync() => _line?.DisposeAsync() ?? ValueTask.CompletedTask;

    private Task<LineReply> Text(string from, string body) => Line.TextAsync(from, body, Cancellation);

    private string Key(string from) => Line.Services.GetRequiredService<PhoneHasher>().Texter(from, LineOnTableStorage.LineNumber).Value;

    /// <summary>Every row of both tables that mentions the texter's key anywhere: partition, row key or a column.</summary>
    private async Task<List<string>> RowsOf(string from)
    {
        var key = Key(from);
        var found = new List<string>();
        foreach (var table in new[] { Line.Tables.Conversations, Line.Tables.FollowUps })
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: Cancellation))
            {
                if (entity.PartitionKey.Contains(key, StringComparison.Ordinal) ||
                    entity.RowKey.Contains(key, StringComparison.Ordinal) ||
                    ((IDictionary<string, object>)entity).Values.OfType<string>().Any(value => value.Contains(key, StringComparison.Ordinal)))
                {
                    found.Add($"{table.Name}: {entity.PartitionKey}/{entity.RowKey}");
                }
            }
        }

        return found;
    }

    private async Task TalkAndAskForEmail(string from)
    {
        await Text(from, "the salary is way too low");
        await Text(from, "EMAIL someone@example.com");
        Line.Time.Advance(TimeSpan.FromMinutes(10));
        await Text(from, "yes");
    }

    [Fact]
    public async Task Forget_leaves_nothing_for_the_texter_in_any_table_but_the_reply_cap_count()
    {
        await TalkAndAskForEmail(Forgotten);
        await TalkAndAskForEmail(Kept);
        // An earlier index entry left behind, as an interrupted sweep could leave one.
        await Line.Tables.Store.AddEntryAsync(new TexterId(Key(Forgotten)), Line.Time.GetUtcNow().AddMinutes(-5), Cancellation);
        Assert.NotEmpty(await RowsOf(Forgotten));

        var reply = await Text(Forgotten, "FORGET");

        Assert.Contains("erased", reply.Text, StringComparison.Ordinal);
        Assert.Equal([$"{Line.Tables.Conversations.Name}: {Key(Forgotten)}/conversation"], await RowsOf(Forgotten));
        var tally = (await Line.Tables.Conversations.GetEntityAsync<TableEntity>(Key(Forgotten), "conversation", cancellationToken: Cancellation)).Value;
        Assert.Equal(
            ["HelpReplies", "Replies", "RepliesSince", "TallyUntil"],
            tally.Keys.Except(["PartitionKey", "RowKey", "Timestamp", "odata.etag"]).Order(StringComparer.Ordinal));
        // The window of the texter's last texts had closed (the clock moved ten minutes for the other texter): the
        // count is the confirmation's own.
        Assert.Equal(1, tally.GetInt32("Replies"));
        Assert.NotEmpty(await RowsOf(Kept));

        // Once the window has closed, retention deletes the count too.
        Line.Time.Advance(new LimitsOptions().ReplyWindow + TimeSpan.FromSeconds(1));
        await Line.Services.GetRequiredService<RetentionSweeper>().RunAsync(Cancellation);
        Assert.Empty(await RowsOf(Forgotten));
        Assert.NotEmpty(await RowsOf(Kept));
    }

    [Fact]
    public async Task Retention_deletes_idle_conversations_with_everything_stored_for_them()
    {
        await TalkAndAskForEmail(Forgotten);
        Line.Time.Advance(TimeSpan.FromDays(29));
        await TalkAndAskForEmail(Kept);
        Line.Time.Advance(TimeSpan.FromDays(2));

        var result = await Line.Services.GetRequiredService<RetentionSweeper>().RunAsync(Cancellation);

        Assert.Equal(1, result.Deleted);
        Assert.True(result.Finished);
        Assert.Empty(await RowsOf(Forgotten));
        Assert.NotEmpty(await RowsOf(Kept));
    }

    [Fact]
    public async Task Retention_removes_the_rows_an_older_version_left_beside_a_conversation_or_without_one()
    {
        await TalkAndAskForEmail(Kept);
        var kept = Key(Kept);
        var orphan = new string('e', 64);
        await Line.Tables.Conversations.AddEntityAsync(new TableEntity(kept, "msg|SM0001") { ["MessageId"] = "SM0001", ["Reply"] = "old" }, Cancellation);
        await Line.Tables.Conversations.AddEntityAsync(new TableEntity(orphan, "msg|SM0002") { ["MessageId"] = "SM0002", ["Reply"] = "old" }, Cancellation);
        await Line.Tables.Conversations.AddEntityAsync(new TableEntity(orphan, "msg|SM0003") { ["MessageId"] = "SM0003", ["Reply"] = "old" }, Cancellation);

        var result = await Line.Services.GetRequiredService<RetentionSweeper>().RunAsync(Cancellation);

        Assert.Equal(new RetentionSweepResult(Deleted: 0, Leftovers: 3, Finished: true), result);
        var rows = new List<string>();
        await foreach (var row in Line.Tables.Conversations.QueryAsync<TableEntity>(cancellationToken: Cancellation))
        {
            rows.Add(row.PartitionKey + "/" + row.RowKey);
        }

        // The conversation stays, and so does the claim of the address it gave, for a day.
        var claim = Line.Services.GetRequiredService<PhoneHasher>().Address("someone@example.com").Value;
        Assert.Equal([kept + "/conversation", "summaries/" + claim], rows);
    }

    [Fact]
    public async Task A_retention_sweep_that_runs_out_of_time_saves_its_place_in_the_table_and_the_next_run_continues_there()
    {
        var texters = Enumerable.Range(0, 5).Select(n => $"+1555555014{n}").ToList();
        foreach (var texter in texters)
        {
            await Text(texter, "hi");
        }

        Line.Time.Advance(TimeSpan.FromDays(31));
        var scan = new SlowRetentionScan(Line.Tables.Store, Line.Time, TimeSpan.FromSeconds(2));
        var privacy = Options.Create(new PrivacyOptions { RetentionDays = 30, RetentionRunBudget = TimeSpan.FromSeconds(5) });
        RetentionSweeper Sweeper() => new(scan, Line.Tables.Store, Line.Time, privacy, NullLogger<RetentionSweeper>.Instance) { PageSize = 1 };

        var first = await Sweeper().RunAsync(Cancellation);
        var checkpoint = await Line.Tables.Store.ReadCheckpointAsync(Cancellation);
        scan.Reads.Clear();
        var second = await Sweeper().RunAsync(Cancellation);

        Assert.Equal((3, false), (first.Deleted, first.Finished));
        Assert.NotNull(checkpoint);
        Assert.Equal(checkpoint, scan.Reads[0]);
        Assert.Equal((2, true), (second.Deleted, second.Finished));
        Assert.Null(await Line.Tables.Store.ReadCheckpointAsync(Cancellation));
        foreach (var texter in texters)
        {
            Assert.Empty(await RowsOf(texter));
        }
    }
}
