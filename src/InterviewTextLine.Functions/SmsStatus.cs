using InterviewTextLine.Hosting.Webhook;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace InterviewTextLine.Functions;

/// <summary>Twilio's status callback for the line's replies. Anonymous: the Twilio signature is the authentication.</summary>
public sealed class SmsStatus(DeliveryStatusHandler handler)
{
    [Function(nameof(SmsStatus))]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sms/status")] HttpRequest request,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(request, cancellationToken);
}
