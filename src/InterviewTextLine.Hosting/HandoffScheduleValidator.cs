using InterviewTextLine.Core.Handoffs;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Hosting;

/// <summary>
/// Rejects a <c>Handoff:Schedule</c> that is not a six-field NCRONTAB expression (with seconds), the form the
/// Functions timer trigger and serve's scheduler both read.
/// </summary>
public sealed class HandoffScheduleValidator : IValidateOptions<HandoffOptions>
{
    public const string SettingName = "Handoff:Schedule";

    public ValidateOptionsResult Validate(string? name, HandoffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return FollowUpScheduleValidator.TryParse(options.Schedule) is null
            ? ValidateOptionsResult.Fail($"{SettingName} (app setting Handoff__Schedule, '{options.Schedule}') is not an NCRONTAB expression with six fields (seconds first), e.g. '*/30 * * * * *'.")
            : ValidateOptionsResult.Success;
    }
}
