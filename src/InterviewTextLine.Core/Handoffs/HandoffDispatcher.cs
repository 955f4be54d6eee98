using InterviewTextLine.Core.Diagnostics;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core.Handoffs;

/// <summary>Emails the call-back requests waiting in the outbox. The timer function, <c>textline serve</c> and <c>chat</c> run it.</summary>
public interface IHandoffDispatcher
{
    Task<HandoffSweepResult> RunAsync(CancellationToken cancellationToken);
}

/// <summary>What one run did.</summary>
/// <param name="Sent">Where each accepted email went (a file path for the local outbox).</param>
/// <param name="Retried">Requests that failed this time and wait for a later run.</param>
/// <param name="Failed">Requests given up on.</param>
/// <param name="Dropped">Requests found cancelled (STOP, FORGET) or never saved, deleted unsent.</param>
public sealed record HandoffSweepResult(IReadOnlyList<string> Sent, int Retried, int Failed, int Dropped)
{
    public static HandoffSweepResult Nothing { get; } = new([], 0, 0, 0);
}

/// <summary>
/// The handoff sender: for each ready outbox row, the texter's conversation decides whether the request still stands;
/// the sender claims it there with a conditional write (so a STOP or FORGET that lands first wins), decrypts the
/// number, emails it through the line's <see cref="IEmailSender"/>, records the outcome and deletes the row.
/// </summary>
/// <remarks>
/// At most once, like the follow-up: SendGrid has no idempotency key, so a send that may have been accepted (the
/// sender threw, or the process died between claim and record) is recorded as failed ("unconfirmed") once its claim
/// is older than <see cref="ClaimTimeout"/>, never sent again. Answers worth retrying (5xx, time-outs, 429) wait in the
/// row with a backoff, up to <see cref="HandoffOptions.MaxAttempts"/>. The row is the retry record, so a restart loses
/// nothing.
/// </remarks>
public sealed class HandoffDispatcher(
    IHandoffOutbox outbox,
    IConversationStore store,
    HandoffEmailComposer composer,
    IEmailSender sender,
    NumberProtector protector,
    TimeProvider time,
    IOptions<HandoffOptions> options,
    TextLineMetrics metrics,
    ILogger<HandoffDispatcher> logger) : IHandoffDispatcher
{
    /// <summary>How old a claim must be before its send counts as lost: longer than any run plus one provider request.</summary>
    public static TimeSpan ClaimTimeout { get; } = TimeSpan.FromMinutes(15);

    /// <summary>Rows one run reads; a line gets a handful of requests a day.</summary>
    public const int BatchSize = 50;

    private const int ConflictRetries = 5;

    private enum Kind
    {
        Sent,
        Retried,
        Failed,
        Dropped,
        Skipped,
    }

    private sealed record Outcome(Kind Kind, string? Destination = null);

    public async Task<HandoffSweepResult> RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsEnabled)
        {
            return HandoffSweepResult.Nothing;
        }

        var due = await outbox.ReadDueAsync(time.GetUtcNow(), BatchSize, cancellationToken);
        var outcomes = new List<Outcome>();
        foreach (var entry in due)
        {
            try
            {
                var outcome = await DeliverAsync(entry, cancellationToken);
                outcomes.Add(outcome);
                Count(outcome.Kind);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One request's trouble must not hold up the others; its row stays for the next run.
                var tag = Tag(entry);
                HandoffLog.EntryError(logger, tag, exception.GetType().Name, exception);
            }
        }

        var result = new HandoffSweepResult(
            [.. outcomes.Where(o => o.Kind == Kind.Sent).Select(o => o.Destination!)],
            outcomes.Count(o => o.Kind == Kind.Retried),
            outcomes.Count(o => o.Kind == Kind.Failed),
            outcomes.Count(o => o.Kind == Kind.Dropped));
        HandoffLog.SweepFinished(logger, result.Sent.Count, result.Retried, result.Failed, result.Dropped);
        return result;
    }

    private async Task<Outcome> DeliverAsync(HandoffEntry entry, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DeliverOnceAsync(entry, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < ConflictRetries)
            {
                // The texter texted (a STOP, say) since the read: look again.
                var tag = Tag(entry);
                HandoffLog.Conflict(logger, tag);
            }
        }
    }

    private async Task<Outcome> DeliverOnceAsync(HandoffEntry entry, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stored = await store.ReadAsync(entry.Texter, cancellationToken);
        var handoff = stored?.Conversation.Handoff;
        if (stored is null || handoff is null || handoff.RequestId != entry.RequestId || !handoff.IsPending || stored.Conversation.OptedOut)
        {
            // FORGET, STOP, or a request whose save never happened: the number goes, unsent.
            return await DropAsync(entry, stored is null ? "forgotten" : handoff?.RequestId != entry.RequestId ? "not-saved" : handoff.Status.ToString().ToLowerInvariant(), cancellationToken);
        }

        if (handoff.Status == HandoffStatus.Sending)
        {
            if (now - handoff.ClaimedAt < ClaimTimeout)
            {
                return new Outcome(Kind.Skipped);
            }

            return await FailAsync(entry, stored, HandoffStatus.Sending, "unconfirmed", cancellationToken);
        }

        if (protector.Unprotect(entry.ProtectedNumber, entry.RequestId) is not { } number)
        {
            return await FailAsync(entry, stored, HandoffStatus.Requested, "unreadable", cancellationToken);
        }

        // Composed before the claim, so nothing but the send sits between claim and record.
        var email = composer.Compose(entry, number);
        var claimedConversation = stored.Conversation with { Handoff = handoff.Claim(now) };
        var claimed = stored with { Conversation = claimedConversation, ETag = await store.ReplaceAsync(entry.Texter, claimedConversation, stored.ETag, cancellationToken) };
        EmailSendResult result;
        try
        {
            result = await sender.SendAsync(email, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var tag = Tag(entry);
            HandoffLog.SenderError(logger, tag, email.Id, exception);
            return await FailAsync(entry, claimed, HandoffStatus.Sending, "unconfirmed", CancellationToken.None);
        }

        return await RecordAsync(entry, claimed, email.Id, result);
    }

    private async Task<Outcome> RecordAsync(HandoffEntry entry, StoredConversation claimed, string emailId, EmailSendResult result)
    {
        // The send happened (or may have): what follows is written even if the host is stopping.
        var cancellationToken = CancellationToken.None;
        var now = time.GetUtcNow();
        var attempts = entry.Attempts + 1;
        switch (result)
        {
            case EmailSendResult.Accepted accepted:
                await SettleAsync(claimed, HandoffStatus.Sending, current => current.MarkSent(now), cancellationToken);
                await outbox.RemoveAsync(entry.RequestId, cancellationToken);
                var tag = Tag(entry);
                HandoffLog.Sent(logger, tag, emailId, entry.Attempts);
                return new Outcome(Kind.Sent, accepted.Destination);

            case EmailSendResult.RateLimited or EmailSendResult.Transient when attempts < options.Value.MaxAttempts:
                var reason = result is EmailSendResult.Transient transient ? transient.Reason : "rate-limited";
                var next = result is EmailSendResult.RateLimited { RetryAt: { } reset } && reset > now ? reset : now + Backoff(attempts);
                await SettleAsync(claimed, HandoffStatus.Sending, current => current.Release(), cancellationToken);
                await outbox.RescheduleAsync(entry.RequestId, attempts, next, cancellationToken);
                var retryTag = Tag(entry);
                HandoffLog.RetryScheduled(logger, retryTag, emailId, reason, attempts, next);
                return new Outcome(Kind.Retried);

            case EmailSendResult.RateLimited:
                return await FailAsync(entry, claimed, HandoffStatus.Sending, "rate-limited", cancellationToken);

            case EmailSendResult.Transient lastTransient:
                return await FailAsync(entry, claimed, HandoffStatus.Sending, lastTransient.Reason, cancellationToken);

            case EmailSendResult.Permanent permanent:
                return await FailAsync(entry, claimed, HandoffStatus.Sending, permanent.Reason, cancellationToken);

            default:
                throw new InvalidOperationException($"Unknown send result {result.GetType().Name}.");
        }
    }

    /// <summary>Half a minute, doubling, at most half an hour: a request is worth more minutes than a summary is.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, Math.Clamp(attempts - 1, 0, 16)), 1800));

    private async Task<Outcome> DropAsync(HandoffEntry entry, string reason, CancellationToken cancellationToken)
    {
        await outbox.RemoveAsync(entry.RequestId, cancellationToken);
        var tag = Tag(entry);
        HandoffLog.Dropped(logger, tag, reason);
        return new Outcome(Kind.Dropped);
    }

    private async Task<Outcome> FailAsync(HandoffEntry entry, StoredConversation stored, HandoffStatus expected, string reason, CancellationToken cancellationToken)
    {
        await SettleAsync(stored, expected, current => current.Fail(reason), cancellationToken);
        await outbox.RemoveAsync(entry.RequestId, cancellationToken);
        var tag = Tag(entry);
        HandoffLog.Failed(logger, tag, "handoff-" + entry.RequestId[..12], reason);
        return new Outcome(Kind.Failed);
    }

    /// <summary>
    /// Writes <paramref name="change"/> onto the request while it is still the one in <paramref name="stored"/> and in
    /// status <paramref name="expected"/>; on a lost race it reloads and tries again, so an outcome is never lost to a
    /// concurrent text. A request cancelled or forgotten meanwhile is left as the texter left it.
    /// </summary>
    private async Task SettleAsync(StoredConversation stored, HandoffStatus expected, Func<Handoff, Handoff> change, CancellationToken cancellationToken)
    {
        var id = stored.Conversation.Handoff?.RequestId;
        for (StoredConversation? current = stored; current is not null; current = await store.ReadAsync(stored.Texter, cancellationToken))
        {
            if (current.Conversation.Handoff is not { } handoff || handoff.RequestId != id || handoff.Status != expected)
            {
                return;
            }

            try
            {
                await store.ReplaceAsync(current.Texter, current.Conversation with { Handoff = change(handoff) }, current.ETag, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException)
            {
                var tag = TexterTag.For(stored.Texter, time.GetUtcNow());
                HandoffLog.Conflict(logger, tag);
            }
        }
    }

    private TexterTag Tag(HandoffEntry entry) => TexterTag.For(entry.Texter, time.GetUtcNow());

    private void Count(Kind kind)
    {
        switch (kind)
        {
            case Kind.Sent:
                metrics.Handoff(HandoffOutcome.Sent);
                break;
            case Kind.Retried:
                metrics.Handoff(HandoffOutcome.Retried);
                break;
            case Kind.Failed:
                metrics.Handoff(HandoffOutcome.Failed);
                break;
            case Kind.Dropped:
                metrics.Handoff(HandoffOutcome.Dropped);
                break;
            default:
                break;
        }
    }
}
