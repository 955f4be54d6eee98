using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using InterviewTextLine.Core.Configuration;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>Twilio webhook settings (section <c>Twilio</c>).</summary>
[SettingsSection(SectionName)]
public sealed class TwilioOptions
{
    public const string SectionName = "Twilio";

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
}
