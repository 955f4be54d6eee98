using Microsoft.Extensions.Configuration;

namespace InterviewTextLine.Hosting;

/// <summary>
/// What App Service tells the app about where it runs, bound once from the root of the configuration: App Service sets
/// <c>WEBSITE_SITE_NAME</c> on every app it hosts, so the app knows it runs in Azure when it is present. The app never
/// sets it; a local host leaves it empty.
/// </summary>
public sealed class AppServiceOptions
{
    /// <summary>The setting App Service sets to the app's name.</summary>
    public const string SiteNameSetting = "WEBSITE_SITE_NAME";

    [ConfigurationKeyName(SiteNameSetting)]
    public string? SiteName { get; set; }

    /// <summary>True when the app runs on App Service (Azure Functions included).</summary>
    public bool InAzure => !string.IsNullOrEmpty(SiteName);
}
