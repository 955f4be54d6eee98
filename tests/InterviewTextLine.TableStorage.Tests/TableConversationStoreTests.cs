using System.Globalization;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Storage;
using InterviewTextLine.TestKit.Waiting;
using Microsoft.Extensions.Options;
using static InterviewTextLine.TestKit.Builders.ConversationBuilder;
using static InterviewTextLine.TestKit.Builders.TestData;

namespace InterviewTextLine.TableStorage.Tests;

/// <summary>What only the Table Storage store promises: request costs, key layout and privacy of keys.</summary>
public sealed partial class TableConversationStoreTests(AzuriteAssemblyFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_inbound_text_costs_one_point_read_and_one_write_of_one_row_at_any_history_length()
    {
        var counter = new StorageRequestCounter();
        await using var tables = await IsolatedTableStore.CreateAsync(azurite.CreateServiceClient(counter), Cancellation);
        var texter = NewTexter();

        for (var text = 0; text < 3 * MessageReceipts.Capacity; text++)
        {
            counter.Reset();
            var messageId = NewMessageSid();
            var snapshot = await tables.Store.ReadForMessageAsync(texter, messageId, Cancellation);
            await tables.Store.SaveWithReceiptAsync(texter, (snapshot.Conversation ?? AConversation()) with { StateId = $"text {text}" }, snapshot.ETag, Receipt(messageId), Cancellation);

            Assert.True(counter.Reads == 1 && counter.Writes == 1, $"text {text}: {counter}");
            Assert.StartsWith("GET ", counter.Requests[0], StringComparison.Ordinal);
            Assert.Contains("RowKey='conversation'", Uri.UnescapeDataString(counter.Requests[0]), StringComparison.Ordinal);
            Assert.DoesNotContain("$batch", counter.Requests[1], StringComparison.Ordinal);
        }

        var rows = await tables.Conversations.QueryAsync<TableEntity>(cancellationToken: Cancellation).ToListAsync(Cancellation);
        var row = Assert.Single(rows);
        Assert.Equal(MessageReceipts.Capacity, ConversationEntityReceipts(row).Count);
    }

    [Fact]
    public async Task A_redelivered_message_costs_one_read_that_finds_the_first_reply()
    {
        var counter = new StorageRequestCounter();
        await using var tables = await IsolatedTableStore.CreateAsync(azurite.CreateServiceClient(counter), Cancellation);
        var texter = NewTexter();
        var messageId = NewMessageSid();
        await tables.Store.SaveWithReceiptAsync(texter, AConversation(), null, Receipt(messageId, "first reply"), Cancellation);
        counter.Reset();

        var snapshot = await tables.Store.ReadForMessageAsync(texter, messageId, Cancellation);

        Assert.Equal("first reply", snapshot.Receipt?.Reply);
        Assert.True(counter.Reads == 1 && counter.Writes == 0, counter.ToString());
    }

    [Fact]
    public async Task Stored_keys_and_values_never_contain_the_phone_numbers()
    {
        const string from = "+15551234567";
        const string to = "+15559876543";
        await using var tables = await IsolatedTableStore.CreateAsync(azurite.CreateServiceClient(), Cancellation);
        var hasher = new PhoneHasher(Options.Create(new PrivacyOptions { PhoneHashKey = new string('k', 32) }));
        var texter = hasher.Texter(from, to);
        var etag = await tables.Store.SaveWithReceiptAsync(texter, AConversation().WithEverythingSet(), null, NewReceipt("Welcome"), Cancellation);
        await tables.Store.SaveWithReceiptAsync(texter, AConversation().WithScheduledFollowUp(Epoch.AddHours(2)), etag, NewReceipt(), Cancellation);
        await tables.Store.AddEntryAsync(texter, Epoch.AddHours(2), Cancellation);

        var everything = new List<TableEntity>();
        foreach (var (table, partition) in new[] { (tables.Conversations, texter.Value), (tables.FollowUps, "due") })
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: Cancellation))
            {
                Assert.Equal(partition, entity.PartitionKey);
                everything.Add(entity);
            }
        }

        Assert.Equal(2, everything.Count);
        foreach (var entity in everything)
        {
            var text = string.Join(" ", entity.Select(pair => $"{pair.Key}={pair.Value}"));
            foreach (var number in new[] { from, to, from[2..], to[2..] })
            {
                Assert.DoesNotContain(number, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Conversations_are_one_row_per_texter_with_typed_columns_and_the_receipts_in_one_json_column()
    {
        await using var tables = await IsolatedTableStore.CreateAsync(azurite.CreateServiceClient(), Cancellation);
        var texter = NewTexter();
        var messageId = NewMessageSid();
        await tables.Store.SaveWithReceiptAsync(texter, AConversation().WithEverythingSet(), null, Receipt(messageId, "Hello \"you\""), Cancellation);
        await tables.Store.AddEntryAsync(texter, Epoch.AddHours(2), Cancellation);

        var state = Assert.Single(await tables.Conversations.QueryAsync<TableEntity>(cancellationToken: Cancellation).ToListAsync(Cancellation));
        var index = await tables.FollowUps.QueryAsync<TableEntity>(cancellationToken: Cancellation).SingleAsync(Cancellation);

        Assert.Equal("summary", state.GetString("StateId"));
        Assert.Equal("laid-off", state.GetString("Situation"));
        Assert.Equal("[\"welcome\",\"situation\",\"laid-off\",\"summary\"]", state.GetString("Path"));
        Assert.Equal("[\"unsure\",\"laid-off\"]", state.GetString("Situations"));
        Assert.Equal(Epoch, state.GetDateTimeOffset("StartedAt"));
        Assert.Equal(true, state.GetBoolean("OptedOut"));
        Assert.Equal("Failed", state.GetString("FollowUpStatus"));
        Assert.Equal(3, state.GetInt32("FollowUpAttempts"));
        Assert.Equal((texter.Value, "conversation"), (state.PartitionKey, state.RowKey));
        Assert.Equal(2, state.GetInt32("AddressesGiven"));
        Assert.Equal(4, state.GetInt32("Replies"));
        Assert.Equal(Epoch.AddMinutes(1), state.GetDateTimeOffset("RepliesSince"));
        Assert.Equal(
            $$$"""[{"id":"{{{messageId}}}","reply":"Hello \u0022you\u0022","at":"2025-03-04T09:30:00.1234567+00:00"}]""",
            state.GetString("Receipts"));
        Assert.Matches(DueRowKey(), index.RowKey);
        Assert.EndsWith("|" + texter.Value, index.RowKey, StringComparison.Ordinal);
        Assert.Equal(Epoch.AddHours(2).UtcTicks.ToString("D19", CultureInfo.InvariantCulture), index.RowKey[..19]);
    }

    private static List<System.Text.Json.JsonElement> ConversationEntityReceipts(TableEntity row) =>
        [.. System.Text.Json.JsonDocument.Parse(row.GetString("Receipts")).RootElement.EnumerateArray()];

    [Fact]
    public async Task Texter_ids_that_are_not_valid_keys_are_refused_before_any_request()
    {
        var counter = new StorageRequestCounter();
        await using var tables = await IsolatedTableStore.CreateAsync(azurite.CreateServiceClient(counter), Cancellation);
        counter.Reset();

        foreach (var bad in new[] { "", "a/b", "a#b", "a?b", "a\\b", "a\nb" })
        {
            await Assert.ThrowsAsync<ArgumentException>(
                () => tables.Store.ReadForMessageAsync(new(bad), NewMessageSid(), Cancellation));
        }

        Assert.Equal(0, counter.Total);
    }

    /// <summary>
    /// Storage that refuses connections fails each call after the client's retries, not a hang (how long those take
    /// at worst is <see cref="TableStorageClientDefaultsTests"/>' subject), and the same client works once it is back.
    /// </summary>
    [Fact]
    public async Task When_storage_goes_away_calls_fail_after_the_retries_and_work_again_once_it_is_back()
    {
        await using var runner = await AzuriteRunner.StartNewAsync(Cancellation);
        var client = new TableServiceClient(runner.ConnectionString, TableStorageClientDefaults.CreateOptions());
        var store = new TableConversationStore(client, Options.Create(new StorageOptions()));
        await store.CreateTablesIfNotExistsAsync(Cancellation);
        var texter = NewTexter();
        await store.SaveWithReceiptAsync(texter, AConversation(), null, NewReceipt(), Cancellation);

        runner.Stop();
        using var patience = Patience.Start();
        // After its retries the SDK throws an AggregateException of the attempts' failures (a hang would end in a
        // cancellation instead, and fail the test).
        var error = await Assert.ThrowsAsync<AggregateException>(() => store.ReadForMessageAsync(texter, NewMessageSid(), patience.Token));

        Assert.Equal(TableStorageClientDefaults.MaxRetries + 1, error.InnerExceptions.Count);
        Assert.All(error.InnerExceptions, inner => Assert.IsType<RequestFailedException>(inner));

        await runner.StartAsync(Cancellation);
        await store.CreateTablesIfNotExistsAsync(Cancellation);
        var snapshot = await store.ReadForMessageAsync(texter, NewMessageSid(), Cancellation);

        // The emulator keeps nothing across a restart; what matters is that the same client works again.
        Assert.Null(snapshot.Conversation);
    }

    [GeneratedRegex(@"^\d{19}\|[0-9a-f]{64}$")]
    private static partial Regex DueRowKey();
}
