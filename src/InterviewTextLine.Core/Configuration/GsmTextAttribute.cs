using System.ComponentModel.DataAnnotations;
using InterviewTextLine.Core.Sms;

namespace InterviewTextLine.Core.Configuration;

/// <summary>
/// Requires a setting that is placed into SMS texts to be GSM-7: one curly quote would switch every
/// reply to UCS-2 and more than double its cost.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class GsmTextAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        return value is string text && !GsmAlphabet.IsGsm7(text)
            ? new ValidationResult($"{validationContext.MemberName} must use GSM-7 characters only (no curly quotes, long dashes or emoji).", [validationContext.MemberName ?? ""])
            : ValidationResult.Success;
    }
}
