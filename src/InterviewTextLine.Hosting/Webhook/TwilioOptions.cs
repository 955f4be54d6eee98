using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using InterviewTextLine.Core.Configuration;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// Twilio webhook settings (section <c>Twilio</c>): the auth token and public URL the signature is checked against,
/// the deadline of a text, and the limits <see cref="TwilioWebhookGate"/> holds every request to before it is signed.
/// </summary>
[SettingsSection(SectionName)]
public sealed class TwilioOptions
{
    public const string SectionName = "Twilio";

    /// <summary>The default of <see cref="MaxBodyBytes"/>. A Twilio SMS form is 1-3 KB; the largest MMS form is well under 16 KB.</summary>
    public const int DefaultMaxBodyBytes = 64 * 1024;

    /// <summary>The default of <see cref="MaxFields"/>. Twilio sends about 20 fields with a text and about 40 with ten pictures.</summary>
    public const int DefaultMaxFields = 100;

    /// <summary>The default of <see cref="MaxFieldNameLength"/>; Twilio's names are short (<c>MediaContentType9</c>).</summary>
    public const int DefaultMaxFieldNameLength = 100;

    /// <summary>The default of <see cref="MaxFieldValueLength"/>; a text is at most 1,600 characters.</summary>
    public const int DefaultMaxFieldValueLength = 16 * 1024;

    [Required, Secret]
    [Description("Auth token of the Twilio account; signs every webhook request.")]
    public string AuthToken { get; set; } = "";

    [Required, Url]
    [Description("Public base URL Twilio calls, e.g. https://func-abc.azurewebsites.net. Signatures are checked against it, not against the URL the host sees.")]
    public string WebhookBaseUrl { get; set; } = "";

    /// <remarks>
    /// Twilio waits 15 s for the whole exchange, which also covers the network and, on a consumption plan, a cold
    /// start; the deadline leaves room for both, so that a text the line cannot handle in time still reaches the
    /// fallback URL while Twilio listens.
    /// </remarks>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:12")]
    [Description("Time the webhook may spend on one text, from the moment it starts reading the request, before it answers 503 so that Twilio (which waits 15 seconds) calls the fallback URL.")]
    public TimeSpan WebhookDeadline { get; set; } = TimeSpan.FromSeconds(6);

    // The limits stop an unsigned request from costing more than a small read; none of them touches a real text,
    // so each range keeps a Twilio form (40 fields, a 1,600-character text, 16 KB) inside it.
    [Range(16 * 1024, 1024 * 1024)]
    [Description("Largest webhook body read, in bytes: a longer one is answered 413 before it is read, parsed or its signature checked.")]
    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    [Range(50, 1000)]
    [Description("Most form fields a webhook request may hold; more is answered 400 before the signature is checked.")]
    public int MaxFields { get; set; } = DefaultMaxFields;

    [Range(20, 1000)]
    [Description("Longest form field name a webhook request may hold, in characters; longer is answered 400 before the signature is checked.")]
    public int MaxFieldNameLength { get; set; } = DefaultMaxFieldNameLength;

    [Range(1600, 1024 * 1024)]
    [Description("Longest form field value a webhook request may hold, in decoded characters; longer is answered 400 before the signature is checked.")]
    public int MaxFieldValueLength { get; set; } = DefaultMaxFieldValueLength;
}
