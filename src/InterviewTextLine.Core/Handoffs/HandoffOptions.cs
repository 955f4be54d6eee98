using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using InterviewTextLine.Core.Configuration;

namespace InterviewTextLine.Core.Handoffs;

/// <summary>
/// The warm handoff (section <c>Handoff</c>): where a texter's request for a person goes, and when the office
/// answers. Without <see cref="Email"/> the feature is off and TALK gets the program's contact details.
/// </summary>
[SettingsSection(SectionName)]
public sealed class HandoffOptions : IValidatableObject
{
    public const string SectionName = "Handoff";

    [Description("Inbox that gets one email per call-back request (the texter's number, language, situations and time), only after the texter says YES. Empty: the feature is off and TALK gets the help contact.")]
    public string? Email { get; set; }

    [Required]
    [Description("Office hours in the office's time zone: days and times separated by ';', e.g. Mon-Fri 09:00-17:00; Sat 10:00-13:00. Texters are told to expect contact today, or the next opening.")]
    public string Hours { get; set; } = "Mon-Fri 09:00-17:00";

    [Description("IANA time zone of the office hours, e.g. America/New_York. Required when Handoff__Email is set.")]
    public string? TimeZone { get; set; }

    // The timer trigger's binding expression reads the app setting itself, so Azure must set it.
    [Required, RequiredInAzure]
    [Description("NCRONTAB schedule (with seconds) of the handoff sender, which emails consented requests from the outbox.")]
    public string Schedule { get; set; } = "*/30 * * * * *";

    [Range(1, 50)]
    [Description("Send attempts (5xx, time-outs) before a handoff request is recorded as failed.")]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>True when requests go to an inbox: TALK asks for consent rather than giving the contact details.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(Email);

    /// <summary>The parsed hours and time zone; call only on validated options.</summary>
    public OfficeHours OfficeHours() =>
        Handoffs.OfficeHours.Parse(Hours, ResolveTimeZone(TimeZone) ?? TimeZoneInfo.Utc);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Checked here rather than by [EmailAddress], which refuses the empty value that turns the feature off.
        if (IsEnabled && !new EmailAddressAttribute().IsValid(Email!.Trim()))
        {
            yield return new ValidationResult($"'{Email}' is not an email address.", [nameof(Email)]);
        }

        if (!Handoffs.OfficeHours.TryParse(Hours, TimeZoneInfo.Utc, out _, out var problem))
        {
            yield return new ValidationResult(problem, [nameof(Hours)]);
        }

        if (!string.IsNullOrWhiteSpace(TimeZone) && ResolveTimeZone(TimeZone) is null)
        {
            yield return new ValidationResult($"'{TimeZone}' is not a time zone this host knows; use an IANA name such as America/New_York.", [nameof(TimeZone)]);
        }
        else if (IsEnabled && string.IsNullOrWhiteSpace(TimeZone))
        {
            yield return new ValidationResult("The office's time zone is required when Handoff:Email is set, e.g. America/New_York.", [nameof(TimeZone)]);
        }
    }

    private static TimeZoneInfo? ResolveTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : null;
    }
}
