using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Storage;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.Core.Conversations;

/// <summary>
/// Handles one inbound text: finds the texter's conversation, lets the engine decide, and stores the
/// outcome. The common path is one read and one atomic write; a re-delivered message gets its first
/// reply back; concurrent texts from one number are serialized by ETags and retried.
/// </summary>
public sealed partial class TextLineService(
    ConversationEngine engine,
    IConversationStore store,
    PhoneHasher hasher,
    TimeProvider time,
    ILogger<TextLineService> logger) : ITextLineService
{
    /// <summary>Attempts before a burst of concurrent texts from one number is given up on.</summary>
    public const int MaxAttempts = 25;

    public async Task<LineReply> HandleAsync(InboundText text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(text.MessageId);
        var texter = hasher.Texter(text.From, text.To);
        var tag = PhoneHasher.LogTag(texter);

        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await store.LoadAsync(texter, text.MessageId, cancellationToken);
            if (snapshot.Receipt is { } receipt)
            {
                LogDuplicate(tag);
                return new LineReply(receipt.Reply);
            }

            var now = time.GetUtcNow();
            var decision = engine.Decide(snapshot.Conversation, text.Body, text.MediaCount, now);
            try
            {
                await ApplyAsync(texter, snapshot, decision, text.MessageId, now, cancellationToken);
                LogHandled(tag, decision.Kind, decision.Next?.StateId ?? "-");
                var after = decision.Kind == DecisionKind.Forget ? null : (decision.Next ?? snapshot.Conversation)?.StateId;
                return new LineReply(decision.Reply) { State = after, Situation = after is null ? null : engine.SituationOf(after) };
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                LogConflict(tag, attempt);
                // Another text from the same number won the race; back off a little so a burst spreads out.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), cancellationToken);
            }
        }
    }

    private async Task ApplyAsync(TexterId texter, ConversationSnapshot snapshot, Decision decision, string messageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (decision.Kind)
        {
            case DecisionKind.Save:
                if (decision.IndexFollowUpAt is { } dueAt)
                {
                    // The index entry goes first: if the save then fails, the sweep drops the stale entry;
                    // the other order could leave a scheduled follow-up that nothing ever finds.
                    await store.IndexFollowUpAsync(texter, dueAt, cancellationToken);
                }

                await store.SaveAsync(texter, decision.Next!, snapshot.ETag, new MessageReceipt(messageId, decision.Reply, now), cancellationToken);
                break;
            case DecisionKind.Forget:
                await store.DeleteAsync(texter, cancellationToken);
                break;
            case DecisionKind.ReplyOnly:
            case DecisionKind.Ignore:
                break;
            default:
                throw new InvalidOperationException($"Unknown decision {decision.Kind}.");
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Texter {Texter}: {Decision}, now in state {State}")]
    private partial void LogHandled(string texter, DecisionKind decision, string state);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Texter {Texter}: message already handled; replying with the first reply")]
    private partial void LogDuplicate(string texter);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Texter {Texter}: concurrent update on attempt {Attempt}; retrying")]
    private partial void LogConflict(string texter, int attempt);
}
