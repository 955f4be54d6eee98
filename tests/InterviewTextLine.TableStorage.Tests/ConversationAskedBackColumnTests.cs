using Azure.Data.Tables;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Storage;
using static InterviewTextLine.TestKit.Builders.ConversationBuilder;
using static InterviewTextLine.TestKit.Builders.TestData;

namespace InterviewTextLine.TableStorage.Tests;

/// <summary>Whether the line's last reply was a question back, as Table Storage keeps it: a boolean column of its own.</summary>
public sealed class ConversationAskedBackColumnTests(AzuriteAssemblyFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_question_back_is_a_boolean_in_its_own_column(bool askedBack)
    {
        await using var tables = await IsolatedTableStore.CreateAsync(azurite.CreateServiceClient(), Cancellation);
        var texter = NewTexter();
        await tables.Store.SaveWithReceiptAsync(texter, AConversation().AskedBack(askedBack), null, NewReceipt(), Cancellation);

        var row = (await tables.Conversations.GetEntityAsync<TableEntity>(texter.Value, "conversation", cancellationToken: Cancellation)).Value;

        Assert.Equal(askedBack, row.GetBoolean("AskedBack"));
        Assert.Equal(askedBack, (await tables.Store.ReadAsync(texter, Cancellation))!.Conversation.AskedBack);
    }

    [Fact]
    public async Task A_row_written_before_the_column_existed_reads_as_no_question_asked()
    {
        await using var tables = await IsolatedTableStore.CreateAsync(azurite.CreateServiceClient(), Cancellation);
        var texter = NewTexter();
        await tables.Store.SaveWithReceiptAsync(texter, AConversation().InState("leave_now").AskedBack(), null, NewReceipt(), Cancellation);
        var row = (await tables.Conversations.GetEntityAsync<TableEntity>(texter.Value, "conversation", cancellationToken: Cancellation)).Value;
        row.Remove("AskedBack");
        await tables.Conversations.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, Cancellation);

        var loaded = (await tables.Store.ReadAsync(texter, Cancellation))!.Conversation;

        Assert.False(loaded.AskedBack);
        Assert.Equal("leave_now", loaded.StateId);
    }
}
