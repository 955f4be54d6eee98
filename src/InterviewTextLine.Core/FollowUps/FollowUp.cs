namespace InterviewTextLine.Core.FollowUps;

/// <summary>Where the one follow-up email of a conversation stands.</summary>
public enum FollowUpStatus
{
    /// <summary>Waiting for <see cref="FollowUp.ReadyAt"/>.</summary>
    Scheduled,

    /// <summary>A sweep took it and is sending it.</summary>
    Claimed,

    /// <summary>The email provider accepted it. Never sent again.</summary>
    Sent,

    /// <summary>Gave up: attempts ran out, or the outcome of a claimed send is unknown.</summary>
    Failed,

    /// <summary>NOEMAIL or STOP cancelled it.</summary>
    Cancelled,
}

/// <summary>
/// The follow-up email of one conversation and the only place its status changes. Each change is an
/// intention-named method that returns the next version and refuses a move the lifecycle does not
/// allow (<see cref="FollowUpTransitions"/> declares them all) with <see cref="InvalidFollowUpTransitionException"/>.
/// </summary>
/// <remarks>
/// A value, rebuilt from stored state for each request (<see cref="Restore"/>) and never shared: the
/// engine and the sweep each read a version, move it, and write it back with an ETag condition.
/// </remarks>
public sealed record FollowUp
{
    private FollowUp()
    {
    }

    public FollowUpStatus Status { get; private init; }

    /// <summary>When the email is due: the texter's last message plus the configured delay.</summary>
    public DateTimeOffset DueAt { get; private init; }

    /// <summary>
    /// The due time under which the follow-up index holds an entry for this conversation, if any.
    /// Later texts push <see cref="DueAt"/> back without touching the index (to keep an inbound text at
    /// one read and one write); the sweep that finds the early entry moves it.
    /// </summary>
    public DateTimeOffset? IndexedAt { get; private init; }

    /// <summary>Send attempts so far.</summary>
    public int Attempts { get; private init; }

    /// <summary>Earliest time of the next attempt after a failure or a rate limit.</summary>
    public DateTimeOffset? NextAttemptAt { get; private init; }

    public DateTimeOffset? ClaimedAt { get; private init; }

    public DateTimeOffset? SentAt { get; private init; }

    /// <summary>A short machine-readable reason for the last failure (never personal data).</summary>
    public string? LastError { get; private init; }

    /// <summary>Waiting to be sent.</summary>
    public bool IsScheduled => Status == FollowUpStatus.Scheduled;

    /// <summary>Sent, failed or cancelled: nothing more happens to it unless the texter asks again.</summary>
    public bool IsOver => Status is FollowUpStatus.Sent or FollowUpStatus.Failed or FollowUpStatus.Cancelled;

    /// <summary>The earliest time a sweep may send it: the due time, or a later retry time.</summary>
    public DateTimeOffset ReadyAt => NextAttemptAt is { } next && next > DueAt ? next : DueAt;

    /// <summary>
    /// EMAIL: a new follow-up due at <paramref name="dueAt"/>, whatever became of <paramref name="previous"/>.
    /// A still-scheduled one keeps its index entry (the sweep that finds the earlier entry moves it);
    /// otherwise the new one needs an entry at <paramref name="dueAt"/>.
    /// </summary>
    public static FollowUp Schedule(FollowUp? previous, DateTimeOffset dueAt)
    {
        var keepIndex = previous is { IsScheduled: true, IndexedAt: not null };
        return new FollowUp
        {
            Status = FollowUpTransitions.Require(previous?.Status, FollowUpTrigger.Schedule),
            DueAt = dueAt,
            IndexedAt = keepIndex ? previous!.IndexedAt : dueAt,
        };
    }

    /// <summary>The version a store read back; the store's copy of what a transition once returned.</summary>
    public static FollowUp Restore(
        FollowUpStatus status,
        DateTimeOffset dueAt,
        DateTimeOffset? indexedAt = null,
        int attempts = 0,
        DateTimeOffset? nextAttemptAt = null,
        DateTimeOffset? claimedAt = null,
        DateTimeOffset? sentAt = null,
        string? lastError = null) =>
        new()
        {
            Status = status,
            DueAt = dueAt,
            IndexedAt = indexedAt,
            Attempts = attempts,
            NextAttemptAt = nextAttemptAt,
            ClaimedAt = claimedAt,
            SentAt = sentAt,
            LastError = lastError,
        };

    /// <summary>
    /// The index entry a save of this version must add first, given the version it replaces; null when the
    /// index already holds the one it needs.
    /// </summary>
    public DateTimeOffset? IndexEntryToAdd(FollowUp? previous) =>
        IsScheduled && IndexedAt is { } indexedAt && indexedAt != previous?.IndexedAt ? indexedAt : null;

    /// <summary>A later text: the summary waits until <paramref name="dueAt"/>. The index is left alone.</summary>
    public FollowUp PushBack(DateTimeOffset dueAt) => To(FollowUpTrigger.PushBack) with { DueAt = dueAt };

    /// <summary>NOEMAIL or STOP.</summary>
    public FollowUp Cancel() => To(FollowUpTrigger.Cancel);

    /// <summary>A sweep found the index entry early: the entry now stands under <paramref name="dueAt"/>.</summary>
    public FollowUp MoveIndexTo(DateTimeOffset dueAt) => To(FollowUpTrigger.MoveIndex) with { IndexedAt = dueAt };

    /// <summary>A sweep takes it to send it now; the attempt counts from here.</summary>
    public FollowUp Claim(DateTimeOffset now)
    {
        if (IsScheduled && ReadyAt > now)
        {
            throw new InvalidFollowUpTransitionException(Status, FollowUpTrigger.Claim, "it is not ready until " + ReadyAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        return To(FollowUpTrigger.Claim) with { ClaimedAt = now, Attempts = Attempts + 1 };
    }

    /// <summary>The sweep stopped before it sent anything: the claim and its attempt are handed back.</summary>
    public FollowUp Release() => To(FollowUpTrigger.Release) with { ClaimedAt = null, Attempts = Attempts - 1 };

    /// <summary>The provider accepted it.</summary>
    public FollowUp MarkSent(DateTimeOffset now) =>
        To(FollowUpTrigger.MarkSent) with { SentAt = now, NextAttemptAt = null, LastError = null, IndexedAt = null };

    /// <summary>Given up on, with a short machine-readable <paramref name="reason"/>.</summary>
    public FollowUp Fail(string reason) =>
        To(FollowUpTrigger.Fail) with { NextAttemptAt = null, LastError = reason, IndexedAt = null };

    /// <summary>A failed attempt (5xx, time-out) to try again at <paramref name="at"/>, under a new index entry.</summary>
    public FollowUp Retry(DateTimeOffset at, string reason) => RetryAt(FollowUpTrigger.Retry, at, reason, Attempts);

    /// <summary>
    /// The provider asked to wait until <paramref name="at"/>. Its pacing is not a failed attempt, so the
    /// attempt the claim counted is handed back.
    /// </summary>
    public FollowUp WaitForRateLimit(DateTimeOffset at) => RetryAt(FollowUpTrigger.RateLimited, at, RateLimited, Attempts - 1);

    /// <summary>The <see cref="LastError"/> of a follow-up waiting out a rate limit.</summary>
    public const string RateLimited = "rate-limited";

    private FollowUp RetryAt(FollowUpTrigger trigger, DateTimeOffset at, string reason, int attempts) =>
        To(trigger) with { Attempts = attempts, NextAttemptAt = at, ClaimedAt = null, LastError = reason, IndexedAt = at };

    private FollowUp To(FollowUpTrigger trigger) => this with { Status = FollowUpTransitions.Require(Status, trigger) };
}

/// <summary>A follow-up was asked to make a move its lifecycle does not allow.</summary>
public sealed class InvalidFollowUpTransitionException : InvalidOperationException
{
    public InvalidFollowUpTransitionException(FollowUpStatus? from, FollowUpTrigger trigger, string? detail = null)
        : base($"A {from?.ToString() ?? "missing"} follow-up cannot {trigger}" + (detail is null ? "." : ": " + detail + "."))
    {
        From = from;
        Trigger = trigger;
    }

    public InvalidFollowUpTransitionException()
    {
    }

    public InvalidFollowUpTransitionException(string message)
        : base(message)
    {
    }

    public InvalidFollowUpTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The status it was in; null when there was no follow-up.</summary>
    public FollowUpStatus? From { get; }

    public FollowUpTrigger Trigger { get; }
}
