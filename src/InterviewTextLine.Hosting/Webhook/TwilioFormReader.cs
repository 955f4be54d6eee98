using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// Reads a webhook body within <see cref="TwilioOptions"/>' limits: no more than <see cref="TwilioOptions.MaxBodyBytes"/>
/// bytes, then a URL-encoded form of at most <see cref="TwilioOptions.MaxFields"/> fields, each name and value within
/// its length. It is the only code that reads a webhook body.
/// </summary>
/// <remarks>
/// The form is read here rather than by ASP.NET Core's form reader, which refuses a value with a NUL (<c>%00</c>):
/// Twilio signs and forwards whatever a phone sent, and such a text must get a polite answer, not a 400 that leaves the
/// texter hearing nothing. Field names are kept exactly as sent, since the signature is over them.
/// </remarks>
public static class TwilioFormReader
{
    /// <summary>
    /// The fields of a URL-encoded body, names kept exactly as sent (repeated ones as several values), or null
    /// past a limit of <paramref name="limits"/>.
    /// </summary>
    public static FormCollection? Parse(string body, TwilioOptions limits)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(limits);
        var fields = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        // The reader's own limits count escaped characters; the line's count what a field holds, so they are checked
        // on the decoded pair (the body's size already bounds what the reader can be given).
        using var reader = new FormReader(body) { KeyLengthLimit = limits.MaxBodyBytes, ValueLengthLimit = limits.MaxBodyBytes };
        try
        {
            var count = 0;
            while (reader.ReadNextPair() is { } pair)
            {
                if (++count > limits.MaxFields || pair.Key.Length > limits.MaxFieldNameLength || pair.Value.Length > limits.MaxFieldValueLength)
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
    /// The body as text, or null when it is longer than <paramref name="maxBytes"/>: at most that many bytes are
    /// read, whatever Content-Length said (or did not say, for a chunked body).
    /// </summary>
    public static async Task<string?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Kestrel then refuses a longer body itself; the Functions host's request may not offer the setting.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= maxBytes && (read = await request.Body.ReadAsync(buffer.AsMemory(length, maxBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
            }

            // Twilio percent-encodes everything but ASCII; raw UTF-8 is read as such, and bytes that are not UTF-8
            // become U+FFFD, which no signature Twilio made can match.
            return length > maxBytes ? null : Encoding.UTF8.GetString(buffer, 0, length);
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
}
