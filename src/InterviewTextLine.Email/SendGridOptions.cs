using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using InterviewTextLine.Core.Configuration;

namespace InterviewTextLine.Email;

/// <summary>SendGrid settings (section <c>SendGrid</c>).</summary>
[SettingsSection(SectionName)]
public sealed class SendGridOptions
{
    public const string SectionName = "SendGrid";

    [Secret, RequiredInAzure]
    [Description("SendGrid API key with Mail Send permission. Without it, local runs write emails to the outbox folder.")]
    public string? ApiKey { get; set; }

    [LocalOnly, Url]
    [Description("SendGrid API base URL; only changed to point at a stand-in server in tests.")]
    public string? Host { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    [Description("Time-out of one SendGrid request.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>True when an API key is set: emails go to SendGrid rather than the local outbox.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);
}
