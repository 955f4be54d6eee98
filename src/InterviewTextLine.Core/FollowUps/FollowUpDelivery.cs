using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Storage;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.Core.FollowUps;

/// <summary>
/// One index entry of a sweep: reads its conversation, drops or moves a stale entry, and otherwise
/// claims the follow-up, sends it and records the outcome. Every status change goes through <see cref="FollowUp"/>.
/// </summary>
internal sealed class FollowUpDelivery(
    IConversationStore store,
    FollowUpIndexUpkeep index,
    FollowUpComposer composer,
    IEmailSender sender,
    TimeProvider time,
    FollowUpOptions options,
    ILogger logger)
{
    private const int MarkAttempts = 20;
    private const int ConflictRetries = 5;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);
    private static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromMinutes(1);

    public async Task<Outcome> DeliverAsync(FollowUpIndexEntry entry, SweepTally tally, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DeliverOnceAsync(entry, tally, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < ConflictRetries)
            {
                // The texter texted (or another sweep acted) since the read: look again.
                var tag = Tag(entry.Texter);
                FollowUpLog.Conflict(logger, tag);
            }
        }
    }

    /// <summary>How the log names <paramref name="texter"/> today (computed only if a line is written).</summary>
    private TexterTag Tag(TexterId texter) => TexterTag.For(texter, time.GetUtcNow());

    internal static TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 16));
        var wait = TimeSpan.FromTicks((long)(FirstBackoff.Ticks * factor));
        return wait < MaxBackoff ? wait : MaxBackoff;
    }

    private async Task<Outcome> DeliverOnceAsync(FollowUpIndexEntry entry, SweepTally tally, CancellationToken cancellationToken)
    {
        var texter = entry.Texter;
        var now = time.GetUtcNow();
        var stored = await store.ReadAsync(texter, cancellationToken);
        if (stored is null)
        {
            return await DropAsync(entry, null, "gone", cancellationToken);
        }

        var conversation = stored.Conversation;
        if (conversation.FollowUp is not { } followUp || followUp.IsOver)
        {
            return await DropAsync(entry, conversation.FollowUp?.IndexedAt, StatusName(conversation.FollowUp), cancellationToken);
        }

        if (conversation.OptedOut || string.IsNullOrWhiteSpace(conversation.Email))
        {
            return await DropAsync(entry, followUp.IndexedAt, conversation.OptedOut ? "opted-out" : "no-address", cancellationToken);
        }

        if (followUp.Status == FollowUpStatus.Claimed)
        {
            return await SettleOldClaimAsync(entry, stored, now, cancellationToken);
        }

        if (followUp.ReadyAt > now)
        {
            await MoveAsync(entry, stored, followUp.ReadyAt, cancellationToken);
            return Outcome.Skipped;
        }

        // Rendering comes before the claim so that nothing but the send sits between claim and mark.
        var email = composer.Compose(conversation, conversation.Email);
        var claimedConversation = conversation with { FollowUp = followUp.Claim(now) };
        var etag = await store.ReplaceAsync(texter, claimedConversation, stored.ETag, cancellationToken);
        var claimed = new StoredConversation(texter, claimedConversation, etag);

        if (cancellationToken.IsCancellationRequested)
        {
            // Nothing was sent yet: hand the follow-up back rather than leave a claim that would fail it.
            await ApplyToClaimAsync(claimed, claim => claim.Release(), CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
        }

        return await SendClaimedAsync(entry, claimed, email, tally, cancellationToken);
    }

    /// <summary>Sends the email of a claimed follow-up and records what the provider answered.</summary>
    private async Task<Outcome> SendClaimedAsync(FollowUpIndexEntry entry, StoredConversation claimed, FollowUpEmail email, SweepTally tally, CancellationToken cancellationToken)
    {
        var texter = entry.Texter;
        EmailSendResult result;
        try
        {
            result = await sender.SendAsync(email, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            FollowUpLog.SendAbandoned(logger, Tag(texter), email.Id);
            throw;
        }
        catch (Exception exception)
        {
            // A sender reports every answer it understood as a result; an exception means nobody knows
            // whether the provider took the message, so it is settled like a lost claim: never resent.
            FollowUpLog.SenderError(logger, Tag(texter), email.Id, exception);
            await FailAsync(entry, claimed, FollowUpProcessor.Unconfirmed, CancellationToken.None);
            return Outcome.Failed;
        }

        return await RecordAsync(entry, claimed, email, result, tally);
    }

    private static string StatusName(FollowUp? followUp) => followUp?.Status switch
    {
        null => "none",
        FollowUpStatus.Sent => "sent",
        FollowUpStatus.Failed => "failed",
        FollowUpStatus.Cancelled => "cancelled",
        FollowUpStatus.Claimed => "claimed",
        _ => "scheduled",
    };

    private async Task<Outcome> DropAsync(FollowUpIndexEntry entry, DateTimeOffset? indexedAt, string reason, CancellationToken cancellationToken)
    {
        await index.RemoveAsync(entry, indexedAt, cancellationToken);
        var tag = Tag(entry.Texter);
        FollowUpLog.Dropped(logger, tag, reason);
        return Outcome.Skipped;
    }

    private async Task<Outcome> RecordAsync(FollowUpIndexEntry entry, StoredConversation claimed, FollowUpEmail email, EmailSendResult result, SweepTally tally)
    {
        var texter = entry.Texter;
        var claim = claimed.Conversation.FollowUp!;
        var now = time.GetUtcNow();

        // The send happened (or may have): what follows must be written even if the host is stopping.
        var cancellationToken = CancellationToken.None;
        switch (result)
        {
            case EmailSendResult.Accepted accepted:
                await ApplyToClaimAsync(claimed, current => current.MarkSent(now), cancellationToken);
                await index.RemoveAsync(entry, claim.IndexedAt, cancellationToken);
                var tag = Tag(texter);
                FollowUpLog.Sent(logger, tag, email.Id, claim.Attempts);
                return Outcome.SentTo(accepted.Destination);

            case EmailSendResult.RateLimited limited:
                var retryAt = limited.RetryAt is { } reset && reset > now ? reset : now + DefaultRateLimitWait;
                tally.PauseUntil(retryAt);
                await RescheduleAsync(entry, claimed, retryAt, current => current.WaitForRateLimit(retryAt), cancellationToken);
                FollowUpLog.RateLimited(logger, Tag(texter), retryAt);
                return Outcome.Retried;

            case EmailSendResult.Transient transient when claim.Attempts < options.MaxAttempts:
                var nextAttempt = now + Backoff(claim.Attempts);
                await RescheduleAsync(entry, claimed, nextAttempt, current => current.Retry(nextAttempt, transient.Reason), cancellationToken);
                FollowUpLog.RetryScheduled(logger, Tag(texter), transient.Reason, claim.Attempts, nextAttempt);
                return Outcome.Retried;

            case EmailSendResult.Transient transient:
                await FailAsync(entry, claimed, transient.Reason, cancellationToken);
                return Outcome.Failed;

            case EmailSendResult.Permanent permanent:
                await FailAsync(entry, claimed, permanent.Reason, cancellationToken);
                return Outcome.Failed;

            default:
                throw new InvalidOperationException($"Unknown send result {result.GetType().Name}.");
        }
    }

    private async Task<Outcome> SettleOldClaimAsync(FollowUpIndexEntry entry, StoredConversation stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (stored.Conversation.FollowUp!.ClaimedAt is { } claimedAt && now - claimedAt < FollowUpProcessor.ClaimTimeout)
        {
            // Another sweep is sending it right now; its entry stays until that sweep records the outcome.
            return Outcome.Skipped;
        }

        await FailAsync(entry, stored, FollowUpProcessor.Unconfirmed, cancellationToken);
        FollowUpLog.Unconfirmed(logger, Tag(entry.Texter));
        return Outcome.Failed;
    }

    private async Task FailAsync(FollowUpIndexEntry entry, StoredConversation claimed, string reason, CancellationToken cancellationToken)
    {
        var claim = claimed.Conversation.FollowUp!;
        await ApplyToClaimAsync(claimed, current => current.Fail(reason), cancellationToken);
        await index.RemoveAsync(entry, claim.IndexedAt, cancellationToken);
        FollowUpLog.Failed(logger, Tag(entry.Texter), reason, claim.Attempts);
    }

    private async Task RescheduleAsync(
        FollowUpIndexEntry entry,
        StoredConversation claimed,
        DateTimeOffset nextAttemptAt,
        Func<FollowUp, FollowUp> retry,
        CancellationToken cancellationToken)
    {
        var claim = claimed.Conversation.FollowUp!;
        await index.AddAsync(entry.Texter, nextAttemptAt, cancellationToken);
        await ApplyToClaimAsync(claimed, retry, cancellationToken);
        await index.RemoveAllButAsync(entry, claim.IndexedAt, nextAttemptAt, cancellationToken);
    }

    private async Task MoveAsync(FollowUpIndexEntry entry, StoredConversation stored, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var followUp = stored.Conversation.FollowUp!;
        await index.AddAsync(entry.Texter, dueAt, cancellationToken);
        if (followUp.IndexedAt != dueAt)
        {
            await store.ReplaceAsync(entry.Texter, stored.Conversation with { FollowUp = followUp.MoveIndexTo(dueAt) }, stored.ETag, cancellationToken);
        }

        await index.RemoveAllButAsync(entry, followUp.IndexedAt, dueAt, cancellationToken);
        var tag = Tag(entry.Texter);
        FollowUpLog.Moved(logger, tag, dueAt);
    }

    /// <summary>
    /// The conversation with <paramref name="followUp"/>; once that is over (sent or failed) the address has served
    /// its purpose and is not kept.
    /// </summary>
    private static Conversations.Conversation Settle(Conversations.Conversation conversation, FollowUp followUp) =>
        conversation with { FollowUp = followUp, Email = followUp.IsOver ? null : conversation.Email };

    /// <summary>
    /// Writes <paramref name="change"/> onto the follow-up as long as it is still the claim in
    /// <paramref name="claimed"/>; on a lost race (an inbound text touched the conversation) it reloads and
    /// applies it again, so an outcome such as "sent" is never lost to a concurrent write.
    /// </summary>
    private async Task ApplyToClaimAsync(StoredConversation claimed, Func<FollowUp, FollowUp> change, CancellationToken cancellationToken)
    {
        var claim = claimed.Conversation.FollowUp!;
        var current = claimed;
        for (var attempt = 1; attempt <= MarkAttempts; attempt++)
        {
            var followUp = current.Conversation.FollowUp;
            if (followUp is null || followUp.ClaimedAt != claim.ClaimedAt || followUp.Status != FollowUpStatus.Claimed)
            {
                FollowUpLog.ClaimReplaced(logger, Tag(claimed.Texter));
                return;
            }

            try
            {
                await store.ReplaceAsync(current.Texter, Settle(current.Conversation, change(followUp)), current.ETag, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException)
            {
                var reloaded = await store.ReadAsync(current.Texter, cancellationToken);
                if (reloaded is null)
                {
                    // FORGET ran meanwhile: there is nothing left to record.
                    return;
                }

                current = reloaded;
            }
        }

        // The claim stays; the claim time-out turns it into "unconfirmed" without a second send.
        FollowUpLog.MarkGaveUp(logger, Tag(claimed.Texter));
    }
}
