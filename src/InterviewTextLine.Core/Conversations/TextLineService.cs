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
    DecisionWriter writer,
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
        var tag = new TexterTag(texter);

        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await store.ReadForMessageAsync(texter, text.MessageId, cancellationToken);
            if (snapshot.Receipt is { } receipt)
            {
                LogDuplicate(tag);
                return new LineReply(receipt.Reply);
            }

            var now = time.GetUtcNow();
            var decision = engine.Decide(snapshot.Conversation, text.Body, text.MediaCount, now);
            try
            {
                await writer.ApplyAsync(texter, decision, snapshot.ETag, new MessageReceipt(text.MessageId, decision.Reply, now), cancellationToken);
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

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Texter {Texter}: {Decision}, now in state {State}")]
    private partial void LogHandled(TexterTag texter, DecisionKind decision, string state);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Texter {Texter}: message already handled; replying with the first reply")]
    private partial void LogDuplicate(TexterTag texter);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "Texter {Texter}: concurrent update on attempt {Attempt}; retrying")]
    private partial void LogConflict(TexterTag texter, int attempt);
}
