using Azure.Data.Tables;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.Integration.Tests.Webhook;
using InterviewTextLine.TableStorage;

namespace InterviewTextLine.Integration.Tests.Resilience;

/// <summary>What a served line stored, read back and checked against the flow script.</summary>
internal static class StoredState
{
    private const string ConversationRow = "conversation";

    /// <summary>Every row as "partition/row@etag", in order: equal snapshots mean nothing was written in between.</summary>
    public static async Task<IReadOnlyList<string>> SnapshotAsync(ServedLine line) =>
        [.. (await line.RowsAsync()).Select(row => $"{row.PartitionKey}/{row.RowKey}@{row.ETag}").Order(StringComparer.Ordinal)];

    /// <summary>The one conversation row the test's single texter has.</summary>
    public static async Task<TableEntity> ConversationAsync(ServedLine line) =>
        Assert.Single(await line.RowsAsync(), row => row.RowKey == ConversationRow);

    /// <summary>
    /// Every partition holds one row, a conversation that the line can read, whose states, path and situation
    /// exist in the script, with at most <see cref="MessageReceipts.Capacity"/> receipts that each name their message.
    /// </summary>
    public static async Task AssertWellFormedAsync(ServedLine line)
    {
        var script = line.Get<ConversationEngine>().Script;
        var store = line.Get<TableConversationStore>();
        var states = script.States.Select(state => state.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var partition in (await line.RowsAsync()).GroupBy(row => row.PartitionKey))
        {
            Assert.Equal([ConversationRow], partition.Select(row => row.RowKey));

            var stored = await store.ReadAsync(new TexterId(partition.Key), TestContext.Current.CancellationToken);
            var conversation = Assert.IsType<StoredConversation>(stored).Conversation;
            Assert.Contains(conversation.StateId, states);
            Assert.All(conversation.Path, state => Assert.Contains(state, states));
            Assert.True(conversation.Situation is null || script.Situations.ContainsKey(conversation.Situation), $"Unknown situation {conversation.Situation}.");
            Assert.True(conversation.LastMessageAt >= conversation.StartedAt);
            Assert.InRange(conversation.Receipts.Count, 1, MessageReceipts.Capacity);
            Assert.All(conversation.Receipts, receipt => Assert.False(string.IsNullOrEmpty(receipt.MessageId)));
        }
    }
}

/// <summary>Texts sent through a served line, each checked against the reply the script gives in a state.</summary>
internal sealed class Texts(ServedLine line)
{
    private ConversationEngine Engine => line.Get<ConversationEngine>();

    public string StateText(string stateId) => Engine.Render(Engine.Script.State(stateId).Text);

    /// <summary>Sends <paramref name="sms"/>; the reply must be the text of <paramref name="state"/> and the texter must be in it.</summary>
    public async Task ExpectStateReplyAsync(InboundSms sms, string state)
    {
        using var response = await line.TextAsync(sms);
        Assert.Equal([StateText(state)], await Twiml.MessagesAsync(response));
        Assert.Equal(state, (await StoredState.ConversationAsync(line)).GetString("StateId"));
    }
}
