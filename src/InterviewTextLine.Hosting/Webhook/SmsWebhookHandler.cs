using InterviewTextLine.Core.Conversations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// <c>POST /api/sms</c>, shared by the Functions app and <c>textline serve</c> behind <see cref="TwilioWebhookGate"/>:
/// turn the signed form into an <see cref="InboundText"/>, ask the line's service, answer with TwiML.
/// </summary>
/// <remarks>
/// <para>
/// The deadline (<see cref="TwilioOptions.WebhookDeadline"/>) is kept by the gate and runs from the moment it starts
/// reading the body: the body, the signature and everything the line does with the text. Whatever it cuts off is
/// answered 503 while Twilio still listens, so that its fallback URL runs. Healthy storage answers in milliseconds;
/// the deadline only cuts off what was going to fail anyway (a storage that accepts connections and never answers
/// would otherwise hold a text past Twilio's 15 seconds, as would a body that never finishes arriving).
/// </para>
/// <para>
/// Nothing the handler needs is built on a request: the understanding of every language is built and run once
/// before the host takes traffic (the understanding's warm-up), and so is everything the gate, the handler and the
/// fallback depend on (<see cref="WebhookWarmUp"/>).
/// </para>
/// </remarks>
public sealed class SmsWebhookHandler(
    ITextLineService service,
    IOptions<TwilioOptions> options,
    ILogger<SmsWebhookHandler> logger) : ITwilioWebhookHandler
{
    private static readonly string[] RequiredFields = ["MessageSid", "From", "To"];

    public TimeSpan? Deadline => options.Value.WebhookDeadline;

    public async Task<IResult> HandleAsync(TwilioWebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (inbound, problem) = Read(request);
        if (inbound is null)
        {
            return WebhookAnswers.BadRequest(logger, request.Route, problem!);
        }

        LineReply reply;
        try
        {
            reply = await service.HandleAsync(inbound, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Input never gets here (the service answers bad text politely), so this is storage or a bug.
            // A 5xx makes Twilio call the fallback URL, which still tells the texter something; a re-delivery
            // is safe because the service is idempotent by MessageSid. A failure after the deadline passed is the
            // gate's to answer (503).
            WebhookLog.ServiceFailed(logger, inbound.MessageId, exception);
            return WebhookAnswers.Failed();
        }

        WebhookLog.Handled(logger, inbound.MessageId, reply.IsSilent ? "no reply" : "replied");
        // Each reply names the status callback, so a reply that never reaches the texter is counted (DeliveryStatusHandler).
        return TwimlResults.Reply(reply.Text, new Uri(options.Value.WebhookBaseUrl.TrimEnd('/') + DeliveryStatusHandler.Route));
    }

    /// <summary>The text the form carries, or why it cannot be read: a field the line needs is missing or malformed.</summary>
    private static (InboundText? Text, string? Problem) Read(TwilioWebhookRequest request)
    {
        var missing = RequiredFields.Where(name => request.Field(name) is null).ToList();
        if (missing.Count > 0)
        {
            return (null, $"Missing required field(s): {string.Join(", ", missing)}.");
        }

        var messageSid = request.Field("MessageSid")!;
        if (!TwilioWebhookRequest.IsAcceptableMessageSid(messageSid))
        {
            return (null, "MessageSid must be 2 to 64 letters or digits.");
        }

        if (!TwilioWebhookRequest.TryParseMediaCount(request.Field("NumMedia"), out var mediaCount))
        {
            return (null, "NumMedia must be a whole number from 0 to 100.");
        }

        // Body is optional: an empty text or a picture alone gets a polite reply from the service, not a 400.
        return (new InboundText(request.Field("From")!, request.Field("To")!, request.Body, messageSid, mediaCount)
        {
            // Set by Advanced Opt-Out when Twilio has answered a keyword itself: the line does not answer HELP twice.
            OptOutType = request.Field("OptOutType"),
        }, null);
    }
}
