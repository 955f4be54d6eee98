using Microsoft.Extensions.Logging;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// The webhook's log lines. None carries a phone number, a message body or an email address: a rejected
/// request is described by its route and reason, an accepted one by Twilio's MessageSid.
/// </summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Rejected {Route} with 403: {Reason}")]
    public static partial void Forbidden(ILogger logger, string route, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Rejected {Route} with 400: {Reason}")]
    public static partial void BadRequest(ILogger logger, string route, string reason);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Rejected {Route} with 413: {Reason}")]
    public static partial void TooLarge(ILogger logger, string route, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Handled {MessageSid}: {Outcome}")]
    public static partial void Handled(ILogger logger, string messageSid, string outcome);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "The line failed to handle {MessageSid}; answering 500 so that Twilio calls the fallback URL")]
    public static partial void ServiceFailed(ILogger logger, string messageSid, Exception exception);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "The line did not handle {MessageSid} within {Deadline}; answering 503 so that Twilio calls the fallback URL")]
    public static partial void ServiceTimedOut(ILogger logger, string messageSid, TimeSpan deadline, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Fallback answered {MessageSid}: the main webhook failed or timed out")]
    public static partial void FallbackUsed(ILogger logger, string messageSid);
}
