using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// <c>POST /api/sms</c>, shared by the Functions app and <c>textline serve</c>: authenticate the form, turn it
/// into an <see cref="InboundText"/>, ask the line's service, answer with TwiML.
/// </summary>
public sealed class SmsWebhookHandler(
    TwilioSignatureValidator validator,
    ITextLineService service,
    TextLineMetrics metrics,
    ILogger<SmsWebhookHandler> logger)
{
    /// <summary>
    /// How long the line may work on one text before the webhook gives up and answers 503.
    /// </summary>
    /// <remarks>
    /// Twilio waits 15 s for the whole exchange, which also covers the network and, on a consumption plan, a cold
    /// start. The storage client bounds each request (a network time-out and two retries), but a text needs a read
    /// and a write and may retry on a concurrent update, so a storage that accepts connections and never answers
    /// would otherwise hold a text for longer than Twilio waits, and the fallback URL would never be called in time.
    /// Healthy storage answers in milliseconds; this only cuts off what was going to fail anyway.
    /// </remarks>
    public static readonly TimeSpan ServiceDeadline = TimeSpan.FromSeconds(6);

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken) =>
        TwilioWebhookRequest.Counted(metrics, await AnswerAsync(request, cancellationToken));

    private async Task<IResult> AnswerAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (form, rejection) = await TwilioWebhookRequest.ReadSignedFormAsync(request, validator, logger, cancellationToken);
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
        var inbound = new InboundText(from, to, form["Body"].ToString(), messageSid, mediaCount);
        LineReply reply;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ServiceDeadline);
        try
        {
            reply = await service.HandleAsync(inbound, deadline.Token);
        }
        catch (Exception exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The deadline gave up, not Twilio (the storage client may report it wrapped in its retry failure).
            // Answer while Twilio still listens, so that its fallback URL runs. Whatever was written is whole
            // (each write is atomic), and a re-delivery is idempotent by MessageSid.
            WebhookLog.ServiceTimedOut(logger, messageSid, ServiceDeadline, exception);
            return Results.Text("The line could not handle this message in time.", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
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
        return TwimlResults.Reply(reply.Text);
    }
}
