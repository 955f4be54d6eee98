using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// <c>POST /api/sms</c>, shared by the Functions app and <c>textline serve</c>: authenticate the form, turn it
/// into an <see cref="InboundText"/>, ask the line's service, answer with TwiML.
/// </summary>
/// <remarks>
/// <para>
/// The deadline (<see cref="TwilioOptions.WebhookDeadline"/>) runs from the moment the handler starts: reading the
/// body, checking the signature and everything the line does with the text. Whatever it cuts off is answered 503
/// while Twilio still listens, so that its fallback URL runs. Healthy storage answers in milliseconds; the deadline
/// only cuts off what was going to fail anyway (a storage that accepts connections and never answers would
/// otherwise hold a text past Twilio's 15 seconds, as would a body that never finishes arriving).
/// </para>
/// <para>
/// Nothing the handler needs is built on a request: the understanding of every language is built and run once
/// before the host takes traffic (the understanding's warm-up), and so is everything the handler and the fallback
/// depend on (<see cref="WebhookWarmUp"/>).
/// </para>
/// </remarks>
public sealed class SmsWebhookHandler(
    TwilioSignatureValidator validator,
    ITextLineService service,
    TextLineMetrics metrics,
    IOptions<TwilioOptions> options,
    ILogger<SmsWebhookHandler> logger)
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = options.Value.WebhookDeadline;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        IResult result;
        try
        {
            result = await AnswerAsync(request, limit, deadline, cancellationToken);
        }
        catch (Exception exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The deadline ran out before the text reached the line (the body was still arriving).
            WebhookLog.ServiceTimedOut(logger, "(none)", limit, exception);
            result = TimedOut();
        }

        return TwilioWebhookRequest.Counted(metrics, result);
    }

    private async Task<IResult> AnswerAsync(HttpRequest request, TimeSpan limit, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        var (form, rejection) = await TwilioWebhookRequest.ReadSignedFormAsync(request, validator, logger, deadline.Token);
        if (form is null)
        {
            return rejection!;
        }

        var route = request.Path.Value ?? "";
        var messageSid = TwilioWebhookRequest.Field(form, "MessageSid");
        var from = TwilioWebhookRequest.Field(form, "From");
        var to = TwilioWebhookRequest.Field(form, "To");
        if (messageSid is null || from is null || to is null)
        {
            var missing = string.Join(", ", new[] { ("MessageSid", messageSid), ("From", from), ("To", to) }
                .Where(field => field.Item2 is null)
                .Select(field => field.Item1));
            return TwilioWebhookRequest.BadRequest(logger, route, $"Missing required field(s): {missing}.");
        }

        if (!TwilioWebhookRequest.IsAcceptableMessageSid(messageSid))
        {
            return TwilioWebhookRequest.BadRequest(logger, route, "MessageSid must be 2 to 64 letters or digits.");
        }

        if (!TwilioWebhookRequest.TryParseMediaCount(TwilioWebhookRequest.Field(form, "NumMedia"), out var mediaCount))
        {
            return TwilioWebhookRequest.BadRequest(logger, route, "NumMedia must be a whole number from 0 to 100.");
        }

        // Body is optional: an empty text or a picture alone gets a polite reply from the service, not a 400.
        var inbound = new InboundText(from, to, form["Body"].ToString(), messageSid, mediaCount)
        {
            // Set by Advanced Opt-Out when Twilio has answered a keyword itself: the line does not answer HELP twice.
            OptOutType = TwilioWebhookRequest.Field(form, "OptOutType"),
        };
        LineReply reply;
        try
        {
            reply = await service.HandleAsync(inbound, deadline.Token);
        }
        catch (Exception exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The deadline gave up, not Twilio (the storage client may report it wrapped in its retry failure).
            // Answer while Twilio still listens, so that its fallback URL runs. Whatever was written is whole
            // (each write is atomic), and a re-delivery is idempotent by MessageSid.
            WebhookLog.ServiceTimedOut(logger, messageSid, limit, exception);
            return TimedOut();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Input never gets here (the service answers bad text politely), so this is storage or a bug.
            // A 5xx makes Twilio call the fallback URL, which still tells the texter something; a re-delivery
            // is safe because the service is idempotent by MessageSid.
            WebhookLog.ServiceFailed(logger, messageSid, exception);
            return Results.Text("The line could not handle this message.", "text/plain", statusCode: StatusCodes.Status500InternalServerError);
        }

        WebhookLog.Handled(logger, messageSid, reply.IsSilent ? "no reply" : "replied");
        // Each reply names the status callback, so a reply that never reaches the texter is counted (DeliveryStatusHandler).
        return TwimlResults.Reply(reply.Text, new Uri(options.Value.WebhookBaseUrl.TrimEnd('/') + DeliveryStatusHandler.Route));
    }

    private static IResult TimedOut() =>
        Results.Text("The line could not handle this message in time.", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
}
