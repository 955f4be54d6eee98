using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Handoffs;
using InterviewTextLine.Core.Languages;
using InterviewTextLine.Email;
using InterviewTextLine.Hosting.Webhook;
using InterviewTextLine.TableStorage;

namespace InterviewTextLine.Hosting;

/// <summary>One setting of the app, as an environment variable / app setting name.</summary>
/// <param name="Name">The app-setting name, e.g. <c>Twilio__AuthToken</c>.</param>
/// <param name="Section">The configuration section, e.g. <c>Twilio</c>.</param>
/// <param name="Key">The key inside the section, e.g. <c>AuthToken</c>.</param>
/// <param name="Description">What the setting does.</param>
/// <param name="Default">The default, or null when the setting has none.</param>
/// <param name="IsSecret">Held in Key Vault in Azure and never logged.</param>
/// <param name="IsRequired">The app does not start without it where its section is used.</param>
/// <param name="IsRequiredInAzure">The Azure deployment must set it.</param>
/// <param name="IsLocalOnly">Only for local runs; the Azure deployment leaves it unset.</param>
public sealed record Setting(
    string Name,
    string Section,
    string Key,
    string Description,
    string? Default,
    bool IsSecret,
    bool IsRequired,
    bool IsRequiredInAzure,
    bool IsLocalOnly);

/// <summary>
/// Every setting the app reads, derived from the options classes, so that the README table,
/// <c>local.settings.sample.json</c> and the Bicep app settings can be checked against one list.
/// </summary>
public static class SettingsCatalog
{
    /// <summary>The options classes, in the order the README lists them.</summary>
    public static IReadOnlyList<Type> OptionTypes { get; } =
    [
        typeof(TwilioOptions),
        typeof(StorageOptions),
        typeof(PrivacyOptions),
        typeof(ProgramOptions),
        typeof(ConversationOptions),
        typeof(FlowOptions),
        typeof(Scripts.ScriptStoreOptions),
        typeof(FollowUpOptions),
        typeof(LimitsOptions),
        typeof(HandoffOptions),
        typeof(EmailOptions),
        typeof(OutboxOptions),
        typeof(SendGridOptions),
    ];

    public static IReadOnlyList<Setting> All { get; } = [.. OptionTypes.SelectMany(Describe)];

    private static IEnumerable<Setting> Describe(Type optionsType)
    {
        var section = optionsType.GetCustomAttribute<SettingsSectionAttribute>()?.Name
            ?? throw new InvalidOperationException($"{optionsType.Name} has no [SettingsSection].");
        var defaults = Activator.CreateInstance(optionsType);
        foreach (var property in optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite)
            {
                continue;
            }

            if (property.PropertyType == typeof(Dictionary<string, string?>))
            {
                // A setting per language (Flow__Scripts__es): one entry for each language that ships with the app.
                foreach (var language in BuiltInLanguages.All)
                {
                    var description = property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "";
                    yield return new Setting(
                        $"{section}__{property.Name}__{language.Code}", section, $"{property.Name}:{language.Code}",
                        description.Replace("{Language}", language.Name, StringComparison.Ordinal), null, false, false, false, false);
                }

                continue;
            }

            var value = property.GetValue(defaults);
            var required = property.GetCustomAttribute<RequiredAttribute>() is not null;
            var defaultText = value switch
            {
                null => null,
                string { Length: 0 } => null,
                IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            yield return new Setting(
                $"{section}__{property.Name}",
                section,
                property.Name,
                property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "",
                defaultText,
                property.GetCustomAttribute<SecretAttribute>() is not null,
                required && defaultText is null,
                property.GetCustomAttribute<RequiredInAzureAttribute>() is not null || (required && defaultText is null),
                property.GetCustomAttribute<LocalOnlyAttribute>() is not null);
        }
    }
}
