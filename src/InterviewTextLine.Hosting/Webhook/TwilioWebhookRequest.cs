using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// A Twilio webhook request that has passed <see cref="TwilioWebhookGate"/>: a URL-encoded form within the limits,
/// signed for the public URL, each field sent once. A handler is given only this, never the raw request, so it
/// cannot look at a field before the signature has been checked.
/// </summary>
public sealed partial class TwilioWebhookRequest
{
    /// <param name="route">The path the request came to, for logs.</param>
    /// <param name="form">The signed fields, each once.</param>
    public TwilioWebhookRequest(string route, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(form);
        Route = route;
        Form = form;
    }

    /// <summary>The path the request came to, e.g. <c>/api/sms</c>.</summary>
    public string Route { get; }

    /// <summary>The signed fields, names exactly as sent.</summary>
    public IFormCollection Form { get; }

    /// <summary>The message text, possibly empty (an empty text, or a picture alone).</summary>
    public string Body => Form["Body"].ToString();

    /// <summary>The MessageSid when it is one the line accepts (<see cref="IsAcceptableMessageSid"/>), otherwise null.</summary>
    public string? AcceptableMessageSid => Field("MessageSid") is { } sid && IsAcceptableMessageSid(sid) ? sid : null;

    /// <summary>A field's value, or null when it is absent or empty.</summary>
    public string? Field(string name)
    {
        var value = Form[name].ToString();
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

    [GeneratedRegex("^[A-Za-z0-9]{2,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex MessageSidPattern();
}
