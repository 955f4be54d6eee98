using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.Core.Conversations;

/// <summary>
/// Stores what the engine decided about one message: the follow-up index entry it needs first, then the
/// conversation with the message's receipt; or, for FORGET, erases the texter (leaving only the decision's
/// <see cref="Decision.Remainder"/>) and records that this message did.
/// </summary>
public sealed class DecisionWriter(IConversationStore store, IFollowUpIndex index)
{
    /// <summary>
    /// Applies <paramref name="decision"/> on top of the version with <paramref name="expectedETag"/>. Returns false
    /// when it changed nothing because the message was a FORGET already carried out (a re-delivery).
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The conversation changed, or the message was already handled.</exception>
    public async Task<bool> ApplyAsync(TexterId texter, Decision decision, string? expectedETag, MessageReceipt receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(receipt);
        switch (decision.Kind)
        {
            case DecisionKind.Save:
                if (decision.IndexFollowUpAt is { } dueAt)
                {
                    // The index entry goes first: if the save then fails, the sweep drops the stale entry;
                    // the other order could leave a scheduled follow-up that nothing ever finds.
                    await index.AddEntryAsync(texter, dueAt, cancellationToken);
                }

                await store.SaveWithReceiptAsync(texter, decision.Next!, expectedETag, receipt, cancellationToken);
                return true;
            case DecisionKind.Forget:
                return await store.ForgetAsync(texter, receipt.MessageId, decision.Remainder, cancellationToken);
            case DecisionKind.Ignore:
            case DecisionKind.Capped:
                return true;
            default:
                throw new InvalidOperationException($"Unknown decision {decision.Kind}.");
        }
    }
}
