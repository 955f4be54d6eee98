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
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var property in typeof(TOptions).GetProperties().Where(p => p.IsDefined(typeof(SecretAttribute), false)))
        {
            // App Service leaves the reference text in place when it cannot resolve it; that text would
            // otherwise pass as a 40-character secret and, for the hash key, silently re-key every texter.
            if (property.GetValue(options) is string value && value.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
            {
                results.Add(new ValidationResult(
                    "The Key Vault reference did not resolve: check that the secret exists and that the app's identity may read it.",
                    [property.Name]));
            }
        }

        if (results.Count == 0)
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
