using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>Maps a Twilio webhook route of an ASP.NET Core host (<c>textline serve</c>) through the gate to its handler.</summary>
public static class TwilioWebhookEndpoints
{
    /// <summary>
    /// <c>POST <paramref name="pattern"/></c>: the request passes <see cref="TwilioWebhookGate"/>, then
    /// <typeparamref name="THandler"/> answers it, exactly as the Functions app's function for that route does.
    /// </summary>
    public static RouteHandlerBuilder MapTwilioWebhook<THandler>(this IEndpointRouteBuilder endpoints, string pattern)
        where THandler : class, ITwilioWebhookHandler =>
        endpoints.MapPost(pattern, (Func<HttpContext, TwilioWebhookGate, THandler, Task<IResult>>)((context, gate, handler) =>
            gate.HandleAsync(context.Request, handler, context.RequestAborted)));
}
