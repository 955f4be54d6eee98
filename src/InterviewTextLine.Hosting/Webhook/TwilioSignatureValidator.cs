using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Twilio.Security;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// Checks <c>X-Twilio-Signature</c> against the URL Twilio was configured to call, which is
/// <see cref="TwilioOptions.WebhookBaseUrl"/> exactly as configured plus the request's path and query exactly as
/// received. The URL the host sees is never used: behind Azure's front ends the scheme, host and port can differ
/// from what Twilio signed.
/// </summary>
public sealed class TwilioSignatureValidator
{
    public const string SignatureHeader = "X-Twilio-Signature";

    private readonly string _baseUrl;
    private readonly string? _baseUrlWithoutDefaultPort;
    private readonly RequestValidator _validator;

    public TwilioSignatureValidator(IOptions<TwilioOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _baseUrl = options.Value.WebhookBaseUrl;
        _baseUrlWithoutDefaultPort = WithoutDefaultPort(_baseUrl);
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

        var pathAndQuery = RawPathAndQuery(request);
        var parameters = SignedParameters(form);
        return _validator.Validate(SignedUrl(_baseUrl, pathAndQuery), parameters, signature)
            || (_baseUrlWithoutDefaultPort is { } withoutPort && _validator.Validate(SignedUrl(withoutPort, pathAndQuery), parameters, signature));
    }

    /// <summary>
    /// The base URL without an explicit default port (<c>https://host:443</c> → <c>https://host</c>), or null when it
    /// has none. The SDK means to try a URL with and without its port, but its removal leaves an explicit
    /// <c>:443</c> in place, so a signature made without the port needs this second try; nothing else about the
    /// URL changes.
    /// </summary>
    public static string? WithoutDefaultPort(string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var schemeEnd = baseUrl.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return null;
        }

        var authorityStart = schemeEnd + 3;
        var authorityEnd = baseUrl.IndexOfAny(['/', '?', '#'], authorityStart);
        authorityEnd = authorityEnd < 0 ? baseUrl.Length : authorityEnd;
        var authority = baseUrl[authorityStart..authorityEnd];
        var defaultPort = baseUrl[..schemeEnd].ToUpperInvariant() switch
        {
            "HTTPS" => ":443",
            "HTTP" => ":80",
            _ => null,
        };
        return defaultPort is not null && authority.EndsWith(defaultPort, StringComparison.Ordinal)
            ? baseUrl[..authorityStart] + authority[..^defaultPort.Length] + baseUrl[authorityEnd..]
            : null;
    }

    /// <summary>
    /// The URL Twilio signed: the configured public base URL, then the path and query byte for byte as received.
    /// </summary>
    /// <remarks>
    /// Nothing is canonicalised: Twilio signs the URL as it is written in its console, so an upper-case host, an
    /// explicit port or a percent-escape (<c>%7e</c>) must reach the validator unchanged, and
    /// <see cref="Uri.AbsoluteUri"/> would rewrite each of them. The SDK's validator keeps the scheme's and host's
    /// case itself, and tries the URL with its port removed and, when it has none, with the scheme's default port
    /// added, because Twilio has signed it both ways (see <see cref="WithoutDefaultPort"/> for the one case it
    /// misses).
    /// </remarks>
    public static string SignedUrl(string baseUrl, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        return baseUrl.TrimEnd('/') + pathAndQuery;
    }

    /// <summary>
    /// The request target as it arrived (path and query, escapes untouched) where the server reports it, otherwise
    /// the path and query re-escaped the way ASP.NET Core does.
    /// </summary>
    public static string RawPathAndQuery(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return raw is { Length: > 0 } && raw[0] == '/'
            ? raw
            : request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
    }

    /// <summary>
    /// Every form field as Twilio signs it. A repeated name is signed once per distinct value, the values sorted
    /// (name + value, then name + the next value), as twilio-node and twilio-python compute it. The SDK's
    /// <see cref="System.Collections.Specialized.NameValueCollection"/> overload would sign the values joined
    /// with commas instead, which is not what Twilio sends: so each value list is given to the SDK's dictionary
    /// overload already joined by the name, which the SDK then prefixes with the name once more.
    /// </summary>
    public static IDictionary<string, string> SignedParameters(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var parameters = new Dictionary<string, string>(form.Count, StringComparer.Ordinal);
        foreach (var (name, values) in form)
        {
            var distinct = values.Select(value => value ?? "").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            parameters[name] = string.Join(name, distinct);
        }

        return parameters;
    }
}
