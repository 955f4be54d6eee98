using InterviewTextLine.Core.Privacy;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.Core.FollowUps;

/// <summary>The follow-up sweep's log lines (EventIds 2100-2199). A texter appears only as a <see cref="TexterTag"/>.</summary>
internal static partial class FollowUpLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Follow-up for texter {TexterTag} sent as email {EmailId} on attempt {Attempt}")]
    public static partial void Sent(ILogger logger, TexterTag texterTag, string emailId, int attempt);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Follow-up for texter {TexterTag} failed ({Reason}) on attempt {Attempt}; retrying at {NextAttemptAt}")]
    public static partial void RetryScheduled(ILogger logger, TexterTag texterTag, string reason, int attempt, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Email provider rate-limited the follow-up for texter {TexterTag}; retrying at {RetryAt}")]
    public static partial void RateLimited(ILogger logger, TexterTag texterTag, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Error, Message = "Follow-up for texter {TexterTag} recorded as failed ({Reason}) after {Attempts} attempts")]
    public static partial void Failed(ILogger logger, TexterTag texterTag, string reason, int attempts);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Error, Message = "Follow-up for texter {TexterTag} was claimed but its outcome was never recorded; not resending")]
    public static partial void Unconfirmed(ILogger logger, TexterTag texterTag);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "Sweep stopped while sending email {EmailId} for texter {TexterTag}; its outcome is unknown and it will not be resent")]
    public static partial void SendAbandoned(ILogger logger, TexterTag texterTag, string emailId);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Error, Message = "Sending email {EmailId} for texter {TexterTag} threw; its outcome is unknown and it will not be resent")]
    public static partial void SenderError(ILogger logger, TexterTag texterTag, string emailId, Exception exception);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Debug, Message = "Dropped follow-up index entry of texter {TexterTag}: {Reason}")]
    public static partial void Dropped(ILogger logger, TexterTag texterTag, string reason);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Debug, Message = "Follow-up of texter {TexterTag} is now due at {DueAt}")]
    public static partial void Moved(ILogger logger, TexterTag texterTag, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Debug, Message = "Follow-up of texter {TexterTag} changed while it was read; reading it again")]
    public static partial void Conflict(ILogger logger, TexterTag texterTag);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Warning, Message = "Follow-up of texter {TexterTag} is no longer this sweep's claim; outcome not written")]
    public static partial void ClaimReplaced(ILogger logger, TexterTag texterTag);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Error, Message = "Could not record the outcome of the follow-up of texter {TexterTag}; the claim time-out will settle it")]
    public static partial void MarkGaveUp(ILogger logger, TexterTag texterTag);

    [LoggerMessage(EventId = 2113, Level = LogLevel.Error, Message = "Follow-up of texter {TexterTag} could not be processed ({ErrorType}); it stays for the next sweep")]
    public static partial void EntryError(ILogger logger, TexterTag texterTag, string errorType, Exception exception);

    [LoggerMessage(EventId = 2114, Level = LogLevel.Warning, Message = "Follow-up sweep reached its budget of {Budget}; the next sweep continues")]
    public static partial void BudgetReached(ILogger logger, TimeSpan budget);

    [LoggerMessage(EventId = 2115, Level = LogLevel.Information, Message = "Follow-up sweep finished: {Sent} sent, {Retried} to retry, {Failed} failed, {Skipped} skipped, stopped early: {StoppedEarly}")]
    public static partial void SweepFinished(ILogger logger, int sent, int retried, int failed, int skipped, bool stoppedEarly);
}
