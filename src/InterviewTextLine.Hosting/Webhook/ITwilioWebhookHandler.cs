using Microsoft.AspNetCore.Http;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// What one Twilio webhook route does with a request once <see cref="TwilioWebhookGate"/> has let it through. The
/// Functions app and <c>textline serve</c> both call a handler only through the gate.
/// </summary>
public interface ITwilioWebhookHandler
{
    /// <summary>
    /// How long the gate gives a request on this route, from the first byte read to the answer, before it answers
    /// 503; null when the route has no deadline of its own.
    /// </summary>
    TimeSpan? Deadline { get; }

    /// <summary>The answer to a request that passed the gate.</summary>
    /// <param name="request">The signed form.</param>
    /// <param name="cancellationToken">Cancelled when the caller goes away or the <see cref="Deadline"/> passes.</param>
    Task<IResult> HandleAsync(TwilioWebhookRequest request, CancellationToken cancellationToken);
}
