using InterviewTextLine.Core.Privacy;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.Core.Handoffs;

/// <summary>
/// The handoff sender's log lines (EventIds 2400-2499). A texter is named by <see cref="TexterTag"/> and a request by
/// the email's id; never a number, an address or a message.
/// </summary>
internal static partial class HandoffLog
{
    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "Texter {Texter}: handoff email {EmailId} sent after {Attempts} failed attempts")]
    public static partial void Sent(ILogger logger, TexterTag texter, string emailId, int attempts);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "Texter {Texter}: handoff email {EmailId} failed ({Reason}); retrying at {NextAttemptAt} (attempt {Attempts})")]
    public static partial void RetryScheduled(ILogger logger, TexterTag texter, string emailId, string reason, int attempts, DateTimeOffset nextAttemptAt);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Error, Message = "Texter {Texter}: handoff email {EmailId} given up ({Reason}); the office must be told by hand")]
    public static partial void Failed(ILogger logger, TexterTag texter, string emailId, string reason);

    [LoggerMessage(EventId = 2404, Level = LogLevel.Information, Message = "Texter {Texter}: handoff request dropped unsent ({Reason})")]
    public static partial void Dropped(ILogger logger, TexterTag texter, string reason);

    [LoggerMessage(EventId = 2405, Level = LogLevel.Debug, Message = "Texter {Texter}: the conversation changed while its handoff was recorded; reading it again")]
    public static partial void Conflict(ILogger logger, TexterTag texter);

    [LoggerMessage(EventId = 2406, Level = LogLevel.Error, Message = "Texter {Texter}: handoff request could not be handled ({Failure}); it stays for the next run")]
    public static partial void EntryError(ILogger logger, TexterTag texter, string failure, Exception exception);

    [LoggerMessage(EventId = 2407, Level = LogLevel.Information, Message = "Handoff sweep: {Sent} sent, {Retried} to retry, {Failed} failed, {Dropped} dropped")]
    public static partial void SweepFinished(ILogger logger, int sent, int retried, int failed, int dropped);

    [LoggerMessage(EventId = 2408, Level = LogLevel.Error, Message = "Texter {Texter}: the sender threw for handoff email {EmailId}; it may have gone, so it is not sent again")]
    public static partial void SenderError(ILogger logger, TexterTag texter, string emailId, Exception exception);
}
