namespace InterviewTextLine.Core.FollowUps;

/// <summary>
/// Hands one follow-up email to a delivery service (SendGrid, or the local outbox folder).
/// </summary>
/// <remarks>
/// Implementations report the outcome as an <see cref="EmailSendResult"/> rather than throwing for
/// anything the provider said; only cancellation by the caller escapes as an exception.
/// </remarks>
public interface IEmailSender
{
    Task<EmailSendResult> SendAsync(FollowUpEmail email, CancellationToken cancellationToken);
}

/// <summary>The outcome of one send.</summary>
public abstract record EmailSendResult
{
    private EmailSendResult()
    {
    }

    /// <summary>The provider took the message (SendGrid's 202). It must never be sent again.</summary>
    /// <param name="Destination">Where it went: "sendgrid", or the path of the outbox file.</param>
    public sealed record Accepted(string Destination) : EmailSendResult;

    /// <summary>The provider asked us to slow down (429); try again at <paramref name="RetryAt"/>.</summary>
    public sealed record RateLimited(DateTimeOffset? RetryAt) : EmailSendResult;

    /// <summary>A failure worth retrying later: 5xx, a time-out, a network error.</summary>
    /// <param name="Reason">Short, machine-readable, without personal data ("http-503", "timeout").</param>
    public sealed record Transient(string Reason) : EmailSendResult;

    /// <summary>The provider refused the message for good (other 4xx).</summary>
    /// <param name="Reason">Short, machine-readable, without personal data ("http-400").</param>
    public sealed record Permanent(string Reason) : EmailSendResult;
}
