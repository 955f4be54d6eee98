using InterviewTextLine.Core.Configuration;
using Microsoft.Extensions.Options;
using NCrontab;

namespace InterviewTextLine.Hosting;

/// <summary>
/// Rejects a <c>FollowUp:Schedule</c> that is not a six-field NCRONTAB expression (with seconds), the form the
/// Functions timer trigger and serve's scheduler both read.
/// </summary>
public sealed class FollowUpScheduleValidator : IValidateOptions<FollowUpOptions>
{
    public const string SettingName = "FollowUp:Schedule";

    public ValidateOptionsResult Validate(string? name, FollowUpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TryParse(options.Schedule) is null
            ? ValidateOptionsResult.Fail($"{SettingName} ('{options.Schedule}') is not an NCRONTAB expression with six fields (seconds first), e.g. '0 */5 * * * *'.")
            : ValidateOptionsResult.Success;
    }

    public static CrontabSchedule? TryParse(string? expression) =>
        string.IsNullOrWhiteSpace(expression)
            ? null
            : CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
}
