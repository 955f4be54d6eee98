using InterviewTextLine.Core.Conversations;
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
    ILogger<SmsWebhookHandler> logger)
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
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
        try
        {
            reply = await service.HandleAsync(inbound, cancellationToken);
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
