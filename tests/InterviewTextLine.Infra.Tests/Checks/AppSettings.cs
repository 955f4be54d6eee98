using System.Text.Json.Nodes;
using InterviewTextLine.Infra.Tests.Arm;

namespace InterviewTextLine.Infra.Tests.Checks;

/// <summary>One app setting of the function app, with the template that sets it.</summary>
internal sealed record AppSetting(string Name, JsonNode? Value, ArmTemplate Template)
{
    /// <summary>The value's text with string variables resolved.</summary>
    public string Text => Template.Resolve(Value);
}

/// <summary>The function app's settings, read from <c>sites/config</c> 'appsettings' and <c>siteConfig.appSettings</c>.</summary>
internal sealed class AppSettings
{
    private AppSettings(IReadOnlyDictionary<string, AppSetting> settings, IReadOnlyList<string> unreadable)
    {
        Settings = settings;
        Unreadable = unreadable;
    }

    public IReadOnlyDictionary<string, AppSetting> Settings { get; }

    /// <summary>Places whose settings are computed by an expression, so their names cannot be checked.</summary>
    public IReadOnlyList<string> Unreadable { get; }

    public static AppSettings Read(CompiledInfra infra)
    {
        var settings = new Dictionary<string, AppSetting>(StringComparer.Ordinal);
        var unreadable = new List<string>();
        foreach (var config in infra.ResourcesOfType("Microsoft.Web/sites/config"))
        {
            var name = config.Template.Resolve(config.At("name"));
            if (!name.EndsWith("'appsettings')]", StringComparison.Ordinal) && !name.EndsWith("/appsettings", StringComparison.Ordinal))
            {
                continue;
            }

            if (config.At("properties") is JsonObject properties)
            {
                foreach (var (key, value) in properties)
                {
                    settings[key] = new AppSetting(key, value, config.Template);
                }
            }
            else
            {
                unreadable.Add($"{config}: the app settings are an expression, not a list of names.");
            }
        }

        foreach (var site in infra.ResourcesOfType(ResourceChecks.Site))
        {
            foreach (var entry in (site.At("properties.siteConfig.appSettings") as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                var key = entry["name"]?.ToString() ?? "";
                settings[key] = new AppSetting(key, entry["value"], site.Template);
            }
        }

        return new AppSettings(settings, unreadable);
    }
}
