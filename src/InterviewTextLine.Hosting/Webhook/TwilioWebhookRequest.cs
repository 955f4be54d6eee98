using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using InterviewTextLine.Core.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// The gate every Twilio webhook route passes, limits before work: the body must be at most
/// <see cref="MaxBodyBytes"/> (checked before a byte is read), a URL-encoded form within the field limits, and
/// signed for the public URL. Only then is any field looked at.
/// </summary>
public static partial class TwilioWebhookRequest
{
    /// <summary>The largest body read. A Twilio SMS form is 1-3 KB; the largest MMS form is well under 16 KB.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The most fields read. Twilio sends about 20 with a text and about 40 with ten pictures.</summary>
    public const int MaxFields = 100;

    /// <summary>The longest field name read; Twilio's are short (<c>MediaContentType9</c>).</summary>
    public const int MaxKeyLength = 100;

    /// <summary>The longest field value read, decoded; a text is at most 1,600 characters.</summary>
    public const int MaxValueLength = 16 * 1024;

    /// <summary>
    /// Reads and authenticates the form. Returns the form, or the response to send instead: 413 for a body over
    /// <see cref="MaxBodyBytes"/>, 400 for a body that is not a form within the limits, 403 for a missing or wrong
    /// signature, then 400 for a signed form that holds a field more than once.
    /// </summary>
    /// <remarks>
    /// The form is read here rather than by ASP.NET Core's form reader, which refuses a value with a NUL
    /// (<c>%00</c>): Twilio signs and forwards whatever a phone sent, and such a text must get a polite answer,
    /// not a 400 that leaves the texter hearing nothing. Field names are kept exactly as sent, since the signature
    /// is over them.
    /// </remarks>
    public static async Task<(IFormCollection? Form, IResult? Rejection)> ReadSignedFormAsync(
        HttpRequest request, TwilioSignatureValidator validator, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(logger);
        var route = request.Path.Value ?? "";

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, TooLarge(logger, route));
        }

        // Twilio posts application/x-www-form-urlencoded and nothing else; the signature is defined over its fields.
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return (null, BadRequest(logger, route, "Expected an application/x-www-form-urlencoded body."));
        }

        string? body;
        try
        {
            body = await ReadBodyAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or BadHttpRequestException)
        {
            return (null, BadRequest(logger, route, "The form body could not be read."));
        }

        if (body is null)
        {
            return (null, TooLarge(logger, route));
        }

        if (ParseForm(body) is not { } form)
        {
            return (null, BadRequest(logger, route, $"The form must have at most {MaxFields} fields, names of at most {MaxKeyLength} characters and values of at most {MaxValueLength}."));
        }

        if (!request.Headers.ContainsKey(TwilioSignatureValidator.SignatureHeader))
        {
            return (null, Forbidden(logger, route, "Missing X-Twilio-Signature."));
        }

        if (!validator.IsValid(request, form))
        {
            return (null, Forbidden(logger, route, "X-Twilio-Signature does not match the configured webhook URL and auth token."));
        }

        // Twilio sends each field once. A repeated one has no single meaning (two From fields would become a texter
        // called "a,a"), and Twilio's libraries disagree on how it is signed, so it is refused rather than guessed at.
        if (RepeatedFields(form) is { Count: > 0 } repeated)
        {
            return (null, BadRequest(logger, route, $"Each field may appear once; sent more than once: {string.Join(", ", repeated)}."));
        }

        return (form, null);
    }

    /// <summary>
    /// The fields of a URL-encoded body, names kept exactly as sent (repeated ones as several values), or null
    /// past a limit.
    /// </summary>
    public static FormCollection? ParseForm(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var fields = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        // The reader's own limits count escaped characters; the line's count what a field holds, so they are checked
        // on the decoded pair (the body's size already bounds what the reader can be given).
        using var reader = new FormReader(body) { KeyLengthLimit = MaxBodyBytes, ValueLengthLimit = MaxBodyBytes };
        try
        {
            var count = 0;
            while (reader.ReadNextPair() is { } pair)
            {
                if (++count > MaxFields || pair.Key.Length > MaxKeyLength || pair.Value.Length > MaxValueLength)
                {
                    return null;
                }

                fields[pair.Key] = fields.TryGetValue(pair.Key, out var values) ? StringValues.Concat(values, pair.Value) : new StringValues(pair.Value);
            }
        }
        catch (InvalidDataException)
        {
            return null;
        }

        return new FormCollection(fields);
    }

    /// <summary>
    /// The body as text, or null when it is longer than <see cref="MaxBodyBytes"/>: at most that many bytes are
    /// read, whatever Content-Length said (or did not say, for a chunked body).
    /// </summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Kestrel then refuses a longer body itself; the Functions host's request may not offer the setting.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= MaxBodyBytes && (read = await request.Body.ReadAsync(buffer.AsMemory(length, MaxBodyBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
            }

            // Twilio percent-encodes everything but ASCII; raw UTF-8 is read as such, and bytes that are not UTF-8
            // become U+FFFD, which no signature Twilio made can match.
            return length > MaxBodyBytes ? null : Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The names of the fields <paramref name="form"/> holds more than once, in ordinal order.</summary>
    public static IReadOnlyList<string> RepeatedFields(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return [.. form.Where(field => field.Value.Count > 1).Select(field => field.Key).Order(StringComparer.Ordinal)];
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

    private static IResult TooLarge(ILogger logger, string route)
    {
        var reason = $"The body is larger than {MaxBodyBytes} bytes.";
        WebhookLog.TooLarge(logger, route, reason);
        return Results.Text(reason, "text/plain", statusCode: StatusCodes.Status413PayloadTooLarge);
    }

    private static IResult Forbidden(ILogger logger, string route, string reason)
    {
        WebhookLog.Forbidden(logger, route, reason);
        return Results.Text(reason, "text/plain", statusCode: StatusCodes.Status403Forbidden);
    }

    [GeneratedRegex("^[A-Za-z0-9]{2,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex MessageSidPattern();
}
