using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core.FollowUps;

/// <summary>
/// The follow-up sweep: walks the due entries of the follow-up index, claims each follow-up with an
/// ETag-conditional update, sends it and records the outcome.
/// </summary>
/// <remarks>
/// <para>
/// Delivery guarantee: at most once. SendGrid has no idempotency key, so once a send may have been
/// accepted it is never repeated. A follow-up is claimed (a conditional write) before the send and
/// marked sent after it; if the process dies in between, the claim stays behind. A later sweep that
/// finds a claim older than <see cref="ClaimTimeout"/> records it as <see cref="FollowUpStatus.Failed"/>
/// with <c>LastError = "unconfirmed"</c> and does not send it again: the texter may get no email, never
/// two. A sender that throws instead of answering is settled the same way at once. Sends that fail
/// with an answer (5xx, a time-out, 429) are retried on later sweeps; a time-out the provider in fact
/// completed is the one case that can produce a second copy.
/// </para>
/// <para>
/// The check that the texter has not opted out or been forgotten is the claim itself: the claim is
/// conditional on the exact version that was checked, so any STOP, NOEMAIL or FORGET in between makes
/// it fail and the follow-up is looked at again.
/// </para>
/// </remarks>
public sealed partial class FollowUpProcessor(
    IConversationStore store,
    FollowUpComposer composer,
    IEmailSender sender,
    TimeProvider time,
    IOptions<FollowUpOptions> options,
    ILogger<FollowUpProcessor> logger) : IFollowUpProcessor
{
    /// <summary>
    /// How old a claim must be before a sweep treats its send as lost. It is longer than any sweep
    /// (the function time-out is 5 minutes; <see cref="FollowUpOptions.RunBudget"/> is at most 9) plus
    /// one provider request, so a claim this old belongs to a process that is gone.
    /// </summary>
    public static TimeSpan ClaimTimeout { get; } = TimeSpan.FromMinutes(15);

    /// <summary>The <see cref="FollowUp.LastError"/> of a claim whose send outcome was never recorded.</summary>
    public const string Unconfirmed = "unconfirmed";

    internal const int BatchSize = 100;
    private const int MarkAttempts = 20;
    private const int ConflictRetries = 5;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);
    private static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromMinutes(1);

    public async Task<FollowUpSweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var deadline = time.GetUtcNow() + settings.RunBudget;
        var tally = new Tally();
        var seen = new HashSet<FollowUpIndexEntry>();
        using var slots = new SemaphoreSlim(settings.MaxConcurrency);
        var stoppedEarly = false;

        while (!stoppedEarly && !tally.IsPaused(time.GetUtcNow()))
        {
            var due = await store.GetDueFollowUpsAsync(time.GetUtcNow(), BatchSize, cancellationToken);

            // Entries a sweep could not settle (a live claim, a store error) stay in the index; the
            // seen set keeps one sweep from picking them up again and again.
            var fresh = due.Where(seen.Add).ToList();
            if (fresh.Count == 0)
            {
                break;
            }

            var running = new List<Task>(fresh.Count);
            foreach (var entry in fresh)
            {
                await slots.WaitAsync(cancellationToken);
                var now = time.GetUtcNow();
                if (now >= deadline)
                {
                    slots.Release();
                    stoppedEarly = true;
                    LogBudgetReached(logger, settings.RunBudget);
                    break;
                }

                if (tally.IsPaused(now))
                {
                    slots.Release();
                    break;
                }

                running.Add(ProcessInSlotAsync(entry, tally, slots, cancellationToken));
            }

            await Task.WhenAll(running);
        }

        var result = tally.ToResult(stoppedEarly);
        LogSweepFinished(logger, result.Sent.Count, result.Retried, result.Failed, result.Skipped, result.StoppedEarly);
        return result;
    }

    private async Task ProcessInSlotAsync(FollowUpIndexEntry entry, Tally tally, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            tally.Add(await ProcessAsync(entry, tally, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // One follow-up's store trouble must not stop the others; its entry stays for the next sweep.
            LogEntryError(logger, entry.Texter, exception.GetType().Name, exception);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task<Outcome> ProcessAsync(FollowUpIndexEntry entry, Tally tally, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ProcessOnceAsync(entry, tally, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < ConflictRetries)
            {
                // The texter texted (or another sweep acted) since the read: look again.
                LogConflict(logger, entry.Texter);
            }
        }
    }

    private async Task<Outcome> ProcessOnceAsync(FollowUpIndexEntry entry, Tally tally, CancellationToken cancellationToken)
    {
        var texter = entry.Texter;
        var now = time.GetUtcNow();
        var stored = await store.GetAsync(texter, cancellationToken);
        if (stored is null)
        {
            await store.RemoveFollowUpIndexAsync(entry, cancellationToken);
            LogDropped(logger, texter, "gone");
            return Outcome.Skipped;
        }

        var conversation = stored.Conversation;
        var followUp = conversation.FollowUp;
        if (followUp is null || followUp.Status is FollowUpStatus.Sent or FollowUpStatus.Failed or FollowUpStatus.Cancelled)
        {
            await RemoveEntriesAsync(entry, followUp?.IndexedAt, cancellationToken);
            LogDropped(logger, texter, followUp is null ? "none" : StatusName(followUp.Status));
            return Outcome.Skipped;
        }

        if (conversation.OptedOut || string.IsNullOrWhiteSpace(conversation.Email))
        {
            await RemoveEntriesAsync(entry, followUp.IndexedAt, cancellationToken);
            LogDropped(logger, texter, conversation.OptedOut ? "opted-out" : "no-address");
            return Outcome.Skipped;
        }

        if (followUp.Status == FollowUpStatus.Claimed)
        {
            return await HandleExistingClaimAsync(entry, stored, now, cancellationToken);
        }

        var readyAt = followUp.NextAttemptAt is { } next && next > followUp.DueAt ? next : followUp.DueAt;
        if (readyAt > now)
        {
            await MoveAsync(entry, stored, readyAt, cancellationToken);
            return Outcome.Skipped;
        }

        // Rendering comes before the claim so that nothing but the send sits between claim and mark.
        var email = composer.Compose(conversation, conversation.Email);
        var claim = followUp with { Status = FollowUpStatus.Claimed, ClaimedAt = now, Attempts = followUp.Attempts + 1 };
        var claimedConversation = conversation with { FollowUp = claim };
        var etag = await store.UpdateAsync(texter, claimedConversation, stored.ETag, cancellationToken);

        if (cancellationToken.IsCancellationRequested)
        {
            // Nothing was sent yet: hand the follow-up back rather than leave a claim that would fail it.
            await ApplyToClaimAsync(new StoredConversation(texter, claimedConversation, etag), claim, _ => followUp, CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
        }

        EmailSendResult result;
        try
        {
            result = await sender.SendAsync(email, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogSendAbandoned(logger, texter, email.Id);
            throw;
        }
        catch (Exception exception)
        {
            // A sender reports every answer it understood as a result; an exception means nobody knows
            // whether the provider took the message, so it is settled like a lost claim: never resent.
            LogSenderError(logger, texter, email.Id, exception);
            await FailAsync(entry, new StoredConversation(texter, claimedConversation, etag), claim, Unconfirmed, CancellationToken.None);
            return Outcome.Failed;
        }

        var claimed = new StoredConversation(texter, claimedConversation, etag);
        return await RecordAsync(entry, claimed, claim, email, result, tally);
    }

    private async Task<Outcome> RecordAsync(
        FollowUpIndexEntry entry,
        StoredConversation claimed,
        FollowUp claim,
        FollowUpEmail email,
        EmailSendResult result,
        Tally tally)
    {
        var texter = entry.Texter;
        var now = time.GetUtcNow();

        // The send happened (or may have): what follows must be written even if the host is stopping.
        var cancellationToken = CancellationToken.None;
        switch (result)
        {
            case EmailSendResult.Accepted accepted:
                await ApplyToClaimAsync(
                    claimed,
                    claim,
                    current => current with { Status = FollowUpStatus.Sent, SentAt = now, NextAttemptAt = null, LastError = null, IndexedAt = null },
                    cancellationToken);
                await RemoveEntriesAsync(entry, claim.IndexedAt, cancellationToken);
                LogSent(logger, texter, email.Id, claim.Attempts);
                return Outcome.SentTo(accepted.Destination);

            case EmailSendResult.RateLimited limited:
                var retryAt = limited.RetryAt is { } reset && reset > now ? reset : now + DefaultRateLimitWait;
                tally.PauseUntil(retryAt);

                // A 429 is the provider's pacing, not a failed attempt: it does not count toward MaxAttempts.
                await RescheduleAsync(entry, claimed, claim, claim.Attempts - 1, retryAt, "rate-limited", cancellationToken);
                LogRateLimited(logger, texter, retryAt);
                return Outcome.Retried;

            case EmailSendResult.Transient transient when claim.Attempts < options.Value.MaxAttempts:
                var nextAttempt = now + Backoff(claim.Attempts);
                await RescheduleAsync(entry, claimed, claim, claim.Attempts, nextAttempt, transient.Reason, cancellationToken);
                LogRetryScheduled(logger, texter, transient.Reason, claim.Attempts, nextAttempt);
                return Outcome.Retried;

            case EmailSendResult.Transient transient:
                await FailAsync(entry, claimed, claim, transient.Reason, cancellationToken);
                return Outcome.Failed;

            case EmailSendResult.Permanent permanent:
                await FailAsync(entry, claimed, claim, permanent.Reason, cancellationToken);
                return Outcome.Failed;

            default:
                throw new InvalidOperationException($"Unknown send result {result.GetType().Name}.");
        }
    }

    private async Task<Outcome> HandleExistingClaimAsync(FollowUpIndexEntry entry, StoredConversation stored, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claim = stored.Conversation.FollowUp!;
        if (claim.ClaimedAt is { } claimedAt && now - claimedAt < ClaimTimeout)
        {
            // Another sweep is sending it right now; its entry stays until that sweep records the outcome.
            return Outcome.Skipped;
        }

        await FailAsync(entry, stored, claim, Unconfirmed, cancellationToken);
        LogUnconfirmed(logger, entry.Texter);
        return Outcome.Failed;
    }

    private async Task FailAsync(FollowUpIndexEntry entry, StoredConversation claimed, FollowUp claim, string reason, CancellationToken cancellationToken)
    {
        await ApplyToClaimAsync(
            claimed,
            claim,
            current => current with { Status = FollowUpStatus.Failed, NextAttemptAt = null, LastError = reason, IndexedAt = null },
            cancellationToken);
        await RemoveEntriesAsync(entry, claim.IndexedAt, cancellationToken);
        LogFailed(logger, entry.Texter, reason, claim.Attempts);
    }

    private async Task RescheduleAsync(
        FollowUpIndexEntry entry,
        StoredConversation claimed,
        FollowUp claim,
        int attempts,
        DateTimeOffset nextAttemptAt,
        string reason,
        CancellationToken cancellationToken)
    {
        // The new entry goes in before the old one goes out, so a crash in between leaves an extra
        // (stale-tolerant) entry rather than none.
        await store.IndexFollowUpAsync(entry.Texter, nextAttemptAt, cancellationToken);
        await ApplyToClaimAsync(
            claimed,
            claim,
            current => current with
            {
                Status = FollowUpStatus.Scheduled,
                Attempts = attempts,
                NextAttemptAt = nextAttemptAt,
                ClaimedAt = null,
                LastError = reason,
                IndexedAt = nextAttemptAt,
            },
            cancellationToken);
        await RemoveEntriesAsync(entry, claim.IndexedAt == nextAttemptAt ? null : claim.IndexedAt, cancellationToken);
    }

    private async Task MoveAsync(FollowUpIndexEntry entry, StoredConversation stored, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var followUp = stored.Conversation.FollowUp!;
        await store.IndexFollowUpAsync(entry.Texter, dueAt, cancellationToken);
        if (followUp.IndexedAt != dueAt)
        {
            await store.UpdateAsync(entry.Texter, stored.Conversation with { FollowUp = followUp with { IndexedAt = dueAt } }, stored.ETag, cancellationToken);
        }

        await RemoveEntriesAsync(entry, followUp.IndexedAt == dueAt ? null : followUp.IndexedAt, cancellationToken);
        LogMoved(logger, entry.Texter, dueAt);
    }

    /// <summary>
    /// Writes <paramref name="change"/> onto the follow-up as long as it is still the claim this sweep
    /// made; on a lost race (an inbound text touched the conversation) it reloads and applies it again,
    /// so an outcome such as "sent" is never lost to a concurrent write.
    /// </summary>
    private async Task ApplyToClaimAsync(StoredConversation claimed, FollowUp claim, Func<FollowUp, FollowUp> change, CancellationToken cancellationToken)
    {
        var current = claimed;
        for (var attempt = 1; attempt <= MarkAttempts; attempt++)
        {
            var followUp = current.Conversation.FollowUp;
            if (followUp is null || followUp.ClaimedAt != claim.ClaimedAt || followUp.Status != FollowUpStatus.Claimed)
            {
                LogClaimReplaced(logger, claimed.Texter);
                return;
            }

            try
            {
                await store.UpdateAsync(current.Texter, current.Conversation with { FollowUp = change(followUp) }, current.ETag, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException)
            {
                var reloaded = await store.GetAsync(current.Texter, cancellationToken);
                if (reloaded is null)
                {
                    // FORGET ran meanwhile: there is nothing left to record.
                    return;
                }

                current = reloaded;
            }
        }

        // The claim stays; the claim time-out turns it into "unconfirmed" without a second send.
        LogMarkGaveUp(logger, claimed.Texter);
    }

    private async Task RemoveEntriesAsync(FollowUpIndexEntry entry, DateTimeOffset? indexedAt, CancellationToken cancellationToken)
    {
        await store.RemoveFollowUpIndexAsync(entry, cancellationToken);
        if (indexedAt is { } other && other != entry.DueAt)
        {
            await store.RemoveFollowUpIndexAsync(new FollowUpIndexEntry(entry.Texter, other), cancellationToken);
        }
    }

    internal static TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 16));
        var wait = TimeSpan.FromTicks((long)(FirstBackoff.Ticks * factor));
        return wait < MaxBackoff ? wait : MaxBackoff;
    }

    private static string StatusName(FollowUpStatus status) => status switch
    {
        FollowUpStatus.Sent => "sent",
        FollowUpStatus.Failed => "failed",
        FollowUpStatus.Cancelled => "cancelled",
        FollowUpStatus.Claimed => "claimed",
        _ => "scheduled",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Follow-up for texter {TexterTag} sent as email {EmailId} on attempt {Attempt}")]
    private static partial void LogSent(ILogger logger, TexterTag texterTag, string emailId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Follow-up for texter {TexterTag} failed ({Reason}) on attempt {Attempt}; retrying at {NextAttemptAt}")]
    private static partial void LogRetryScheduled(ILogger logger, TexterTag texterTag, string reason, int attempt, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email provider rate-limited the follow-up for texter {TexterTag}; retrying at {RetryAt}")]
    private static partial void LogRateLimited(ILogger logger, TexterTag texterTag, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Follow-up for texter {TexterTag} recorded as failed ({Reason}) after {Attempts} attempts")]
    private static partial void LogFailed(ILogger logger, TexterTag texterTag, string reason, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Follow-up for texter {TexterTag} was claimed but its outcome was never recorded; not resending")]
    private static partial void LogUnconfirmed(ILogger logger, TexterTag texterTag);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep stopped while sending email {EmailId} for texter {TexterTag}; its outcome is unknown and it will not be resent")]
    private static partial void LogSendAbandoned(ILogger logger, TexterTag texterTag, string emailId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending email {EmailId} for texter {TexterTag} threw; its outcome is unknown and it will not be resent")]
    private static partial void LogSenderError(ILogger logger, TexterTag texterTag, string emailId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped follow-up index entry of texter {TexterTag}: {Reason}")]
    private static partial void LogDropped(ILogger logger, TexterTag texterTag, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Follow-up of texter {TexterTag} is now due at {DueAt}")]
    private static partial void LogMoved(ILogger logger, TexterTag texterTag, DateTimeOffset dueAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Follow-up of texter {TexterTag} changed while it was read; reading it again")]
    private static partial void LogConflict(ILogger logger, TexterTag texterTag);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Follow-up of texter {TexterTag} is no longer this sweep's claim; outcome not written")]
    private static partial void LogClaimReplaced(ILogger logger, TexterTag texterTag);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record the outcome of the follow-up of texter {TexterTag}; the claim time-out will settle it")]
    private static partial void LogMarkGaveUp(ILogger logger, TexterTag texterTag);

    [LoggerMessage(Level = LogLevel.Error, Message = "Follow-up of texter {TexterTag} could not be processed ({ErrorType}); it stays for the next sweep")]
    private static partial void LogEntryError(ILogger logger, TexterTag texterTag, string errorType, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Follow-up sweep reached its budget of {Budget}; the next sweep continues")]
    private static partial void LogBudgetReached(ILogger logger, TimeSpan budget);

    [LoggerMessage(Level = LogLevel.Information, Message = "Follow-up sweep finished: {Sent} sent, {Retried} to retry, {Failed} failed, {Skipped} skipped, stopped early: {StoppedEarly}")]
    private static partial void LogSweepFinished(ILogger logger, int sent, int retried, int failed, int skipped, bool stoppedEarly);

    private enum OutcomeKind
    {
        Sent,
        Retried,
        Failed,
        Skipped,
    }

    private readonly record struct Outcome(OutcomeKind Kind, string? Destination)
    {
        public static Outcome Retried => new(OutcomeKind.Retried, null);

        public static Outcome Failed => new(OutcomeKind.Failed, null);

        public static Outcome Skipped => new(OutcomeKind.Skipped, null);

        public static Outcome SentTo(string destination) => new(OutcomeKind.Sent, destination);
    }

    private sealed class Tally
    {
        private readonly Lock _gate = new();
        private readonly List<string> _sent = [];
        private int _retried;
        private int _failed;
        private int _skipped;
        private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

        public void Add(Outcome outcome)
        {
            lock (_gate)
            {
                switch (outcome.Kind)
                {
                    case OutcomeKind.Sent:
                        _sent.Add(outcome.Destination!);
                        break;
                    case OutcomeKind.Retried:
                        _retried++;
                        break;
                    case OutcomeKind.Failed:
                        _failed++;
                        break;
                    default:
                        _skipped++;
                        break;
                }
            }
        }

        /// <summary>After a 429 the rest of the sweep would only collect more 429s.</summary>
        public void PauseUntil(DateTimeOffset until)
        {
            lock (_gate)
            {
                if (until > _pausedUntil)
                {
                    _pausedUntil = until;
                }
            }
        }

        public bool IsPaused(DateTimeOffset now)
        {
            lock (_gate)
            {
                return _pausedUntil > now;
            }
        }

        public FollowUpSweepResult ToResult(bool stoppedEarly)
        {
            lock (_gate)
            {
                return new FollowUpSweepResult(_sent.ToList(), _retried, _failed, _skipped, stoppedEarly);
            }
        }
    }
}
