using System.Collections.Specialized;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Twilio.Security;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> against the URL Twilio was configured to call, which is
/// <see cref="TwilioOptions.WebhookBaseUrl"/> plus the request's path and query. The URL the host sees is
/// never used: behind Azure's front ends the scheme, host and port can differ from what Twilio signed.
/// </summary>
public sealed class TwilioSignatureValidator
{
    public const string SignatureHeader = "X-Twilio-Signature";

    private readonly string _baseUrl;
    private readonly RequestValidator _validator;

    public TwilioSignatureValidator(IOptions<TwilioOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _baseUrl = options.Value.WebhookBaseUrl;
        _validator = new RequestValidator(options.Value.AuthToken);
    }

    /// <summary>True when the request carries a signature that matches the public URL and every form field.</summary>
    public bool IsValid(HttpRequest request, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(form);
        var signature = request.Headers[SignatureHeader].ToString();
        if (signature.Length == 0)
        {
            return false;
        }

        var url = SignedUrl(_baseUrl, request.PathBase.Add(request.Path), request.QueryString);
        return _validator.Validate(url, ToNameValueCollection(form), signature);
    }

    /// <summary>
    /// The URL Twilio signed: the configured public base URL, then the path and query exactly as received.
    /// </summary>
    /// <remarks>
    /// <see cref="Uri.AbsoluteUri"/> drops a default port (<c>:443</c>, <c>:80</c>). The Twilio validator
    /// then also tries the URL with the port added, so a signature made either way is accepted; a URL
    /// passed with an explicit default port would reject signatures made without it.
    /// </remarks>
    public static string SignedUrl(string baseUrl, PathString path, QueryString query)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var trimmed = baseUrl.TrimEnd('/');
        return new Uri(trimmed + path.ToUriComponent() + query.ToUriComponent(), UriKind.Absolute).AbsoluteUri;
    }

    /// <summary>
    /// Every form field, repeated keys kept as repeated values, so that the SDK signs exactly what Twilio posted
    /// (fields Twilio adds in future included).
    /// </summary>
    public static NameValueCollection ToNameValueCollection(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var fields = new NameValueCollection(form.Count, StringComparer.Ordinal);
        foreach (var (name, values) in form)
        {
            foreach (var value in values)
            {
                fields.Add(name, value);
            }
        }

        return fields;
    }
}
