using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.Integration.Tests.Webhook;

/// <summary>
/// A stand-in for the line's service with the same outward contract: polite replies for text it cannot use
/// (nothing stored), one stored conversation per texter, the first reply again for a repeated MessageSid,
/// silence after STOP. It writes to a real in-memory store so tests can see what a request changed.
/// </summary>
internal sealed class FakeTextLineService(IConversationStore store, PhoneHasher hasher, TimeProvider time) : ITextLineService
{
    private int _calls;

    public int Calls => _calls;

    public Func<InboundText, Exception?> Fail { get; set; } = _ => null;

    public async Task<LineReply> HandleAsync(InboundText text, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Fail(text) is { } exception)
        {
            throw exception;
        }

        var body = text.Body?.Trim() ?? "";
        if (body.Length == 0)
        {
            return new LineReply(text.MediaCount > 0
                ? "I can only read text. Please type your message."
                : "Your text was empty. Text HELP for options.");
        }

        if (body.Length > 1600)
        {
            return new LineReply("That text is too long for me. Please send a shorter one.");
        }

        var texter = hasher.Texter(text.From, text.To);
        var snapshot = await store.LoadAsync(texter, text.MessageId, cancellationToken);
        if (snapshot.Receipt is { } receipt)
        {
            return new LineReply(receipt.Reply);
        }

        var now = time.GetUtcNow();
        var conversation = (snapshot.Conversation ?? Conversation.Start("welcome", now)) with { LastMessageAt = now };
        var reply = body.Equals("STOP", StringComparison.OrdinalIgnoreCase) ? null : $"Got {body.Length} characters & <thanks>.";
        await store.SaveAsync(texter, conversation, snapshot.ETag, new MessageReceipt(text.MessageId, reply, now), cancellationToken);
        return new LineReply(reply);
    }
}
