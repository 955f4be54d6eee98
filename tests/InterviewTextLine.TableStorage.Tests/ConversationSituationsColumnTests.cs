using Azure.Data.Tables;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Storage;
using static InterviewTextLine.TestKit.Builders.ConversationBuilder;
using static InterviewTextLine.TestKit.Builders.TestData;

namespace InterviewTextLine.TableStorage.Tests;

/// <summary>The situations a conversation went through, as Table Storage keeps them: ids only, never a message.</summary>
public sealed class ConversationSituationsColumnTests(AzuriteAssemblyFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_situations_are_a_json_array_of_ids_in_their_own_column()
    {
        await using var tables = await IsolatedTableStore.CreateAsync(azurite.CreateServiceClient(), Cancellation);
        var texter = NewTexter();
        await tables.Store.SaveWithReceiptAsync(texter, AConversation().WithSituations("unsure", "notforme"), null, NewReceipt(), Cancellation);

        var row = (await tables.Conversations.GetEntityAsync<TableEntity>(texter.Value, "conversation", cancellationToken: Cancellation)).Value;

        Assert.Equal("[\"unsure\",\"notforme\"]", row.GetString("Situations"));
        Assert.Equal(["unsure", "notforme"], (await tables.Store.ReadAsync(texter, Cancellation))!.Conversation.Situations);
    }

    [Fact]
    public async Task A_row_written_before_the_column_existed_reads_with_no_situations()
    {
        await using var tables = await IsolatedTableStore.CreateAsync(azurite.CreateServiceClient(), Cancellation);
        var texter = NewTexter();
        await tables.Store.SaveWithReceiptAsync(texter, AConversation().WithPath("welcome", "leave_now").WithSituations("rude"), null, NewReceipt(), Cancellation);
        var row = (await tables.Conversations.GetEntityAsync<TableEntity>(texter.Value, "conversation", cancellationToken: Cancellation)).Value;
        row.Remove("Situations");
        await tables.Conversations.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, Cancellation);

        var loaded = (await tables.Store.ReadAsync(texter, Cancellation))!.Conversation;

        Assert.Empty(loaded.Situations);
        Assert.Equal(["welcome", "leave_now"], loaded.Path);
    }
}
