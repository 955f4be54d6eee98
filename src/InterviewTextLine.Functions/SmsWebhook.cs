using InterviewTextLine.Hosting.Webhook;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace InterviewTextLine.Functions;

/// <summary>Twilio's "a message comes in" webhook, through <see cref="TwilioWebhookGate"/>. Anonymous: the Twilio signature, which the gate checks, is the authentication.</summary>
public sealed class SmsWebhook(TwilioWebhookGate gate, SmsWebhookHandler handler)
{
    [Function(nameof(SmsWebhook))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sms")] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.HandleAsync(request, handler, cancellationToken);
}
