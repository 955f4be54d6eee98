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
}
