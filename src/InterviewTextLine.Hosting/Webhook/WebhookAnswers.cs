using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// The plain-text answers of the webhook routes that are not TwiML: each refusal is logged with its route and
/// reason (never a field's value) as it is made.
/// </summary>
internal static class WebhookAnswers
{
    public static IResult BadRequest(ILogger logger, string route, string reason)
    {
        WebhookLog.BadRequest(logger, route, reason);
        return Results.Text(reason, "text/plain", statusCode: StatusCodes.Status400BadRequest);
    }

    public static IResult Forbidden(ILogger logger, string route, string reason)
    {
        WebhookLog.Forbidden(logger, route, reason);
        return Results.Text(reason, "text/plain", statusCode: StatusCodes.Status403Forbidden);
    }

    public static IResult TooLarge(ILogger logger, string route, int maxBytes)
    {
        var reason = $"The body is larger than {maxBytes} bytes.";
        WebhookLog.TooLarge(logger, route, reason);
        return Results.Text(reason, "text/plain", statusCode: StatusCodes.Status413PayloadTooLarge);
    }

    public static IResult Failed() =>
        Results.Text("The line could not handle this message.", "text/plain", statusCode: StatusCodes.Status500InternalServerError);

    public static IResult TimedOut() =>
        Results.Text("The line could not handle this message in time.", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
}
