using InterviewTextLine.Hosting.Webhook;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace InterviewTextLine.Functions;

/// <summary>Twilio's "a message comes in" webhook. Anonymous: the Twilio signature is the authentication.</summary>
public sealed class SmsWebhook(SmsWebhookHandler handler)
{
    [Function(nameof(SmsWebhook))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sms")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(request, cancellationToken);
}
