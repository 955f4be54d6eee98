using InterviewTextLine.Hosting.Webhook;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace InterviewTextLine.Functions;

/// <summary>Twilio's fallback URL, through <see cref="TwilioWebhookGate"/>: answers with an apology, without storage, when <see cref="SmsWebhook"/> fails.</summary>
public sealed class SmsFallback(TwilioWebhookGate gate, SmsFallbackHandler handler)
{
    [Function(nameof(SmsFallback))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sms/fallback")] HttpRequest request,
        CancellationToken cancellationToken) =>
        gate.HandleAsync(request, handler, cancellationToken);
}
