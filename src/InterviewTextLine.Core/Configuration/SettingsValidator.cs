using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core.Configuration;

/// <summary>
/// Validates an options class's data annotations and names each failing setting the way an operator
/// sets it (<c>Program__Name</c>), so the startup error says exactly what to fix.
/// </summary>
public sealed class SettingsValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(result =>
        {
            var members = result.MemberNames.Where(member => member.Length > 0).ToList();
            var settings = members.Count == 0 ? section : string.Join(", ", members.Select(member => $"{section}:{member} (app setting {section}__{member})"));
            return $"{settings}: {result.ErrorMessage}";
        }));
    }
}
