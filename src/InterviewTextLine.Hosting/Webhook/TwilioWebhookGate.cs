using InterviewTextLine.Core.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// The gate every Twilio webhook route passes, in the Functions app and in <c>textline serve</c> alike, limits
/// before work: the body's size (checked before a byte is read), a URL-encoded form within the field limits, the
/// signature for the public URL, each field once. Only then does the route's <see cref="ITwilioWebhookHandler"/> get
/// the typed request. The gate also keeps the route's deadline and counts every answer by its status code.
/// </summary>
/// <remarks>
/// The answers, in the order they are checked: 413 for a body over <see cref="TwilioOptions.MaxBodyBytes"/>; 400 for
/// a body that is not a form within the limits; 403 for a missing or wrong signature; 400 for a signed form that holds
/// a field more than once; 503 when the handler's deadline passes first (so that Twilio calls the fallback URL).
/// </remarks>
public sealed class TwilioWebhookGate(
    TwilioSignatureValidator validator,
    IOptions<TwilioOptions> options,
    TextLineMetrics metrics,
    ILogger<TwilioWebhookGate> logger)
{
    /// <summary>Passes <paramref name="request"/> through the gate to <paramref name="handler"/> and returns the answer.</summary>
    public async Task<IResult> HandleAsync(HttpRequest request, ITwilioWebhookHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(handler);
        var limit = handler.Deadline;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (limit is { } span)
        {
            deadline.CancelAfter(span);
        }

        TwilioWebhookRequest? accepted = null;
        IResult result;
        try
        {
            (accepted, var rejection) = await ReadAsync(request, deadline.Token);
            result = accepted is null ? rejection! : await handler.HandleAsync(accepted, deadline.Token);
        }
        catch (Exception exception) when (limit is { } time && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The deadline gave up, not Twilio: while the body was still arriving, or while the line was at work on
            // the text (the storage client may report it wrapped in its retry failure). Answer while Twilio still
            // listens, so that its fallback URL runs. Whatever was written is whole (each write is atomic), and a
            // re-delivery is idempotent by MessageSid.
            WebhookLog.ServiceTimedOut(logger, accepted?.AcceptableMessageSid ?? "(none)", time, exception);
            result = WebhookAnswers.TimedOut();
        }

        metrics.WebhookResponse((result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK);
        return result;
    }

    /// <summary>
    /// Reads and authenticates the form. Returns the request, or the answer to send instead (see the remarks on
    /// <see cref="TwilioWebhookGate"/>).
    /// </summary>
    public async Task<(TwilioWebhookRequest? Request, IResult? Rejection)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limits = options.Value;
        var route = request.Path.Value ?? "";
        if (request.ContentLength > limits.MaxBodyBytes)
        {
            return (null, WebhookAnswers.TooLarge(logger, route, limits.MaxBodyBytes));
        }

        // Twilio posts application/x-www-form-urlencoded and nothing else; the signature is defined over its fields.
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, WebhookAnswers.BadRequest(logger, route, "Expected an application/x-www-form-urlencoded body."));
        }

        string? body;
        try
        {
            body = await TwilioFormReader.ReadBodyAsync(request, limits.MaxBodyBytes, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or BadHttpRequestException)
        {
            return (null, WebhookAnswers.BadRequest(logger, route, "The form body could not be read."));
        }

        if (body is null)
        {
            return (null, WebhookAnswers.TooLarge(logger, route, limits.MaxBodyBytes));
        }

        if (TwilioFormReader.Parse(body, limits) is not { } form)
        {
            return (null, WebhookAnswers.BadRequest(logger, route, $"The form must have at most {limits.MaxFields} fields, names of at most {limits.MaxFieldNameLength} characters and values of at most {limits.MaxFieldValueLength}."));
        }

        return Authenticate(request, route, form);
    }

    private (TwilioWebhookRequest? Request, IResult? Rejection) Authenticate(HttpRequest request, string route, IFormCollection form)
    {
        if (!request.Headers.ContainsKey(TwilioSignatureValidator.SignatureHeader))
        {
            return (null, WebhookAnswers.Forbidden(logger, route, "Missing X-Twilio-Signature."));
        }

        if (!validator.IsValid(request, form))
        {
            return (null, WebhookAnswers.Forbidden(logger, route, "X-Twilio-Signature does not match the configured webhook URL and auth token."));
        }

        // Twilio sends each field once. A repeated one has no single meaning (two From fields would become a texter
        // called "a,a"), and Twilio's libraries disagree on how it is signed, so it is refused rather than guessed at.
        if (TwilioFormReader.RepeatedFields(form) is { Count: > 0 } repeated)
        {
            return (null, WebhookAnswers.BadRequest(logger, route, $"Each field may appear once; sent more than once: {string.Join(", ", repeated)}."));
        }

        return (new TwilioWebhookRequest(route, form), null);
    }
}
