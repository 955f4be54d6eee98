using InterviewTextLine.Core.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// <c>POST /api/sms/status</c>, shared by the Functions app and <c>textline serve</c>: Twilio's status callback for
/// each reply the line sends (every reply's <c>&lt;Message action&gt;</c> names this URL). It is behind the same gate
/// as the SMS webhook (<see cref="TwilioWebhookGate"/>: limits, <c>X-Twilio-Signature</c>: 403 when missing or wrong)
/// and counts the report by status and error code; it stores nothing and never reads or logs <c>From</c>,
/// <c>To</c> or a body.
/// </summary>
public sealed partial class DeliveryStatusHandler(
    InsightMetrics insights,
    ILogger<DeliveryStatusHandler> logger) : ITwilioWebhookHandler
{
    /// <summary>The route, under the Functions app's <c>api</c> prefix as under <c>serve</c>.</summary>
    public const string Route = "/api/sms/status";

    /// <summary>The statuses that mean a reply never reached the texter.</summary>
    private static readonly HashSet<string> Failures = new(StringComparer.Ordinal) { "failed", "undelivered" };

    /// <summary>None of its own: the report is counted at once, and Twilio reads nothing from the answer.</summary>
    public TimeSpan? Deadline => null;

    public Task<IResult> HandleAsync(TwilioWebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var status = request.Field("MessageStatus") ?? request.Field("SmsStatus");
        if (status is null)
        {
            return Task.FromResult(WebhookAnswers.BadRequest(logger, request.Route, "Missing required field(s): MessageStatus."));
        }

        var errorCode = request.Field("ErrorCode");
        insights.Delivery(status, errorCode);
        if (Failures.Contains(status))
        {
            // The MessageSid lets an operator open the message in Twilio's console; the number stays there.
            LogNotDelivered(request.Field("MessageSid") ?? "(none)", status, InsightMetrics.ErrorCode(errorCode));
        }

        // Twilio reads nothing from this answer; an empty TwiML document keeps its debugger quiet.
        return Task.FromResult(TwimlResults.Reply(null));
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Reply {MessageSid} was not delivered: {Status}, Twilio error {ErrorCode}")]
    private partial void LogNotDelivered(string messageSid, string status, string errorCode);
}
