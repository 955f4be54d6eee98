using System.Security.Cryptography;
using System.Text;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.Core.Handoffs;

/// <summary>
/// Puts a consented request in the outbox, for the application service: the number's claim for the day first, then
/// the outbox row with the number encrypted, both before the conversation's save, so a save that fails leaves a row
/// the conversation does not name, which the sender drops. Also takes a request STOP cancelled out of the outbox.
/// </summary>
public sealed class HandoffRecorder(IHandoffOutbox outbox, IAddressClaims claims, PhoneHasher hasher, NumberProtector protector)
{
    /// <summary>
    /// The id of the request made by message <paramref name="messageId"/>: the same for every retry of that text, so
    /// a retry finds its own claim and row; a hash that names neither the number nor the texter.
    /// </summary>
    public static string RequestId(TexterId texter, string messageId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("handoff|" + texter.Value + "|" + messageId)))[..32];

    /// <summary>
    /// The decision to apply: <paramref name="decision"/> with its request's id when the number's day was free and the
    /// request is queued; the refusal when the number already had its handoff today; the decision itself otherwise.
    /// </summary>
    public async Task<Decision> QueueAsync(TexterId texter, InboundText text, Decision decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(decision);
        if (decision is not { Handoff: { } request, Next: { Handoff: { } handoff } next })
        {
            return decision;
        }

        var id = RequestId(texter, text.MessageId);
        var day = hasher.Handoff(text.From, text.To);
        if (!await claims.TryClaimAddressAsync(day, id, now, now + HandoffDesk.OnePerNumber, cancellationToken))
        {
            return decision.IfHandoffTaken ?? throw new InvalidOperationException("A handoff decision has no refusal.");
        }

        var entry = new HandoffEntry(id, texter, protector.Protect(text.From, id), request.Language, request.Situations, request.RequestedAt);
        await outbox.AddAsync(entry, cancellationToken);
        return decision with { Next = next with { Handoff = handoff with { RequestId = id } } };
    }

    /// <summary>After a save: a request STOP cancelled leaves the outbox at once, number and all.</summary>
    public async Task AfterSaveAsync(Conversation? before, Decision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (before?.Handoff is { IsPending: true, RequestId: { } id } && decision is { Kind: DecisionKind.Save, Next.Handoff.Status: HandoffStatus.Cancelled })
        {
            await outbox.RemoveAsync(id, cancellationToken);
        }
    }
}
