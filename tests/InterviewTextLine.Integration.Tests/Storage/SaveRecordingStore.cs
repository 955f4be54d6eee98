using System.Collections.Concurrent;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.Integration.Tests.Storage;

/// <summary>
/// Passes every call to the real store and records each save that succeeded as (ETag it expected,
/// ETag it produced). Successful saves that form one unbroken chain from "no conversation" to the
/// stored ETag prove that every write was built on the one before it: no update was lost.
/// </summary>
internal sealed class SaveRecordingStore(IConversationStore inner) : IConversationStore
{
    private readonly ConcurrentQueue<(string? Expected, string Produced, string MessageId)> _saves = new();

    public IReadOnlyList<(string? Expected, string Produced, string MessageId)> Saves => [.. _saves];

    /// <summary>The successful saves in write order, or an explanation of where the chain breaks.</summary>
    public IReadOnlyList<string> ChainOfMessageIds()
    {
        var byExpected = Saves.ToLookup(save => save.Expected ?? "");
        var chain = new List<string>();
        var etag = "";
        while (byExpected[etag].ToList() is { Count: > 0 } next)
        {
            if (next.Count > 1)
            {
                throw new InvalidOperationException($"{next.Count} saves succeeded on the same ETag {etag}: an update was lost.");
            }

            chain.Add(next[0].MessageId);
            etag = next[0].Produced;
        }

        return chain;
    }

    public Task<ConversationSnapshot> ReadForMessageAsync(TexterId texter, string messageId, CancellationToken cancellationToken) =>
        inner.ReadForMessageAsync(texter, messageId, cancellationToken);

    public async Task<string> SaveWithReceiptAsync(TexterId texter, Conversation conversation, string? expectedETag, MessageReceipt receipt, CancellationToken cancellationToken)
    {
        var produced = await inner.SaveWithReceiptAsync(texter, conversation, expectedETag, receipt, cancellationToken);
        _saves.Enqueue((expectedETag, produced, receipt.MessageId));
        return produced;
    }

    public Task<StoredConversation?> ReadAsync(TexterId texter, CancellationToken cancellationToken) => inner.ReadAsync(texter, cancellationToken);

    public Task<string> ReplaceAsync(TexterId texter, Conversation conversation, string expectedETag, CancellationToken cancellationToken) =>
        inner.ReplaceAsync(texter, conversation, expectedETag, cancellationToken);

    public Task<bool> ForgetAsync(TexterId texter, string messageId, ForgetRemainder remainder, CancellationToken cancellationToken) =>
        inner.ForgetAsync(texter, messageId, remainder, cancellationToken);

    public Task DeleteAsync(TexterId texter, CancellationToken cancellationToken) => inner.DeleteAsync(texter, cancellationToken);
}
