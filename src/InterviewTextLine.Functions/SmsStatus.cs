using InterviewTextLine.Hosting.Webhook;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace InterviewTextLine.Functions;

/// <summary>Twilio's status callback for the line's replies, through <see cref="TwilioWebhookGate"/>. Anonymous: the Twilio signature, which the gate checks, is the authentication.</summary>
public sealed class SmsStatus(TwilioWebhookGate gate, DeliveryStatusHandler handler)
{
    [Function(nameof(SmsStatus))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sms/status")] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.HandleAsync(request, handler, cancellationToken);
}
