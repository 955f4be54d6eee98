using System.ComponentModel;
using InterviewTextLine.Core.Configuration;

namespace InterviewTextLine.Email;

/// <summary>The local outbox (section <c>Email</c>, beside the sender identity in <see cref="EmailOptions"/>).</summary>
[SettingsSection(SectionName)]
public sealed class OutboxOptions
{
    public const string SectionName = EmailOptions.SectionName;

    [LocalOnly]
    [Description("Folder the local outbox writes .eml and .html files to when no SendGrid key is set.")]
    public string OutboxFolder { get; set; } = "outbox";
}
