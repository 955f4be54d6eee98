namespace InterviewTextLine.Core.Handoffs;

/// <summary>Where a texter's request for a person stands.</summary>
public enum HandoffStatus
{
    /// <summary>TALK was answered with the consent question; the next text says YES or NO.</summary>
    Asked,

    /// <summary>The texter said YES: the request waits in the outbox for the sender.</summary>
    Requested,

    /// <summary>The sender took it and is emailing it now.</summary>
    Sending,

    /// <summary>The email provider accepted the email. Never sent again.</summary>
    Sent,

    /// <summary>Given up: attempts ran out, the number could not be read, or the outcome of a send is unknown.</summary>
    Failed,

    /// <summary>STOP before the email went.</summary>
    Cancelled,
}

/// <summary>
/// The request for a person in one conversation, as the conversation row keeps it: never the number (that waits,
/// encrypted, in the outbox row until it is sent), only the status, the request's id and its times. The sender's
/// claim is a conditional write of this record, so a STOP or FORGET that lands first cancels the email.
/// </summary>
/// <param name="Status">Where it stands.</param>
/// <param name="At">When the consent question was asked (<see cref="HandoffStatus.Asked"/>) or the texter said YES.</param>
/// <param name="RequestId">The outbox row's id, once the texter said YES.</param>
public sealed record Handoff(HandoffStatus Status, DateTimeOffset At, string? RequestId = null)
{
    /// <summary>When the sender claimed it.</summary>
    public DateTimeOffset? ClaimedAt { get; init; }

    /// <summary>When the provider accepted the email.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>A short machine-readable reason for a failure (never personal data).</summary>
    public string? LastError { get; init; }

    /// <summary>Waiting for the sender, or being sent.</summary>
    public bool IsPending => Status is HandoffStatus.Requested or HandoffStatus.Sending;

    /// <summary>A request (pending or sent) made less than a day before <paramref name="now"/>: the number has had its handoff for the day.</summary>
    public bool CountsToday(DateTimeOffset now) =>
        Status is HandoffStatus.Requested or HandoffStatus.Sending or HandoffStatus.Sent && now - At < HandoffDesk.OnePerNumber;

    /// <summary>The consent question, asked at <paramref name="now"/>.</summary>
    public static Handoff Ask(DateTimeOffset now) => new(HandoffStatus.Asked, now);

    /// <summary>YES: the request with id <paramref name="requestId"/>, made at <paramref name="now"/>.</summary>
    public static Handoff Request(DateTimeOffset now, string requestId) => new(HandoffStatus.Requested, now, requestId);

    /// <summary>STOP: a pending request is cancelled; anything else is as it was (a question still open is dropped).</summary>
    public static Handoff? Cancel(Handoff? handoff) => handoff switch
    {
        { Status: HandoffStatus.Asked } => null,
        { IsPending: true } => handoff with { Status = HandoffStatus.Cancelled },
        _ => handoff,
    };

    /// <summary>What a text that did not answer the consent question leaves: the question is no longer open.</summary>
    public static Handoff? AfterText(Handoff? handoff) => handoff is { Status: HandoffStatus.Asked } ? null : handoff;

    /// <summary>The sender takes a request to email it now.</summary>
    public Handoff Claim(DateTimeOffset now) => Require(HandoffStatus.Requested) with { Status = HandoffStatus.Sending, ClaimedAt = now };

    /// <summary>The send did not go (an answer worth retrying): the request waits again.</summary>
    public Handoff Release() => Require(HandoffStatus.Sending) with { Status = HandoffStatus.Requested, ClaimedAt = null };

    /// <summary>The provider accepted the email.</summary>
    public Handoff MarkSent(DateTimeOffset now) => Require(HandoffStatus.Sending) with { Status = HandoffStatus.Sent, SentAt = now, LastError = null };

    /// <summary>Given up, with a short machine-readable <paramref name="reason"/>.</summary>
    public Handoff Fail(string reason) =>
        (IsPending ? this : throw new InvalidOperationException($"A {Status} handoff cannot fail.")) with { Status = HandoffStatus.Failed, LastError = reason };

    private Handoff Require(HandoffStatus status) =>
        Status == status ? this : throw new InvalidOperationException($"A {Status} handoff cannot make that move; it must be {status}.");
}
