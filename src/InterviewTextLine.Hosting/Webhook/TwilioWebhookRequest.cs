using System.Globalization;
using System.Text.RegularExpressions;
using InterviewTextLine.Core.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// The gate every Twilio webhook route passes: the body must be a URL-encoded form, and the form must be
/// signed for the public URL. Only then is any field looked at.
/// </summary>
public static partial class TwilioWebhookRequest
{
    /// <summary>
    /// Reads and authenticates the form. Returns the form, or the response to send instead
    /// (400 for a body that is not a readable form, 403 for a missing or wrong signature).
    /// </summary>
    public static async Task<(IFormCollection? Form, IResult? Rejection)> ReadSignedFormAsync(
        HttpRequest request, TwilioSignatureValidator validator, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(logger);
        var route = request.Path.Value ?? "";

        // Twilio posts application/x-www-form-urlencoded and nothing else; the signature is defined over its fields.
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, BadRequest(logger, route, "Expected an application/x-www-form-urlencoded body."));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, BadRequest(logger, route, "The form body could not be read."));
        }

        if (!request.Headers.ContainsKey(TwilioSignatureValidator.SignatureHeader))
        {
            return (null, Forbidden(logger, route, "Missing X-Twilio-Signature."));
        }

        if (!validator.IsValid(request, form))
        {
            return (null, Forbidden(logger, route, "X-Twilio-Signature does not match the configured webhook URL and auth token."));
        }

        return (form, null);
    }

    /// <summary>A single-valued field, or null when it is absent or empty.</summary>
    public static string? Field(IFormCollection form, string name)
    {
        ArgumentNullException.ThrowIfNull(form);
        var value = form[name].ToString();
        return value.Length == 0 ? null : value;
    }

    /// <summary>
    /// A MessageSid the line accepts: letters and digits only, so that it is safe as a Table Storage key and in
    /// logs. Twilio's are <c>SM</c>/<c>MM</c> and 32 hex digits, but a signed request is Twilio's own, so the
    /// check is kept loose rather than drop a real text over a format detail.
    /// </summary>
    public static bool IsAcceptableMessageSid(string? value) => value is not null && MessageSidPattern().IsMatch(value);

    /// <summary>
    /// NumMedia as a count. Absent means none; anything but a small non-negative integer makes the request
    /// malformed (Twilio always sends a number).
    /// </summary>
    public static bool TryParseMediaCount(string? value, out int count)
    {
        if (value is null)
        {
            count = 0;
            return true;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count <= 100;
    }

    /// <summary>Counts an answer of either webhook route by its status code and passes it on.</summary>
    internal static IResult Counted(TextLineMetrics metrics, IResult result)
    {
        metrics.WebhookResponse((result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK);
        return result;
    }

    internal static IResult BadRequest(ILogger logger, string route, string reason)
    {
        WebhookLog.BadRequest(logger, route, reason);
        return Results.Text(reason, "text/plain", statusCode: StatusCodes.Status400BadRequest);
    }

    private static IResult Forbidden(ILogger logger, string route, string reason)
    {
        WebhookLog.Forbidden(logger, route, reason);
        return Results.Text(reason, "text/plain", statusCode: StatusCodes.Status403Forbidden);
    }

    [GeneratedRegex("^[A-Za-z0-9]{2,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex MessageSidPattern();
}
