namespace InterviewTextLine.Core.Configuration;

/// <summary>
/// The embedded settings that let <c>textline chat</c> and <c>textline serve</c> run on a laptop with no
/// configuration but what they cannot invent (for <c>serve</c>, the Twilio auth token). None of them is fit
/// for production: the Azure deployment sets every one and never reads this class.
/// </summary>
public static class LocalDefaults
{
    /// <summary>
    /// A fixed phone-hash key for development only: conversations hashed with it are not private from anyone
    /// who can read this source, so the app refuses it in Azure. It has the form every key must have (32 random
    /// bytes in base64, from <c>openssl rand -base64 32</c>).
    /// </summary>
    public const string DevelopmentOnlyPhoneHashKey = "l4eWdptWDfXUS+OP9fi90sjpQsGULh/u5owrzXZxe3k=";

    /// <summary>Configuration keys (with <c>:</c>) and their local values.</summary>
    public static IReadOnlyDictionary<string, string?> Values { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["Program:Name"] = "Career Services (local)",
        ["Program:HelpContact"] = "careers@example.edu",
        ["Program:Url"] = "https://careers.example.edu",
        ["Privacy:PhoneHashKey"] = DevelopmentOnlyPhoneHashKey,
        ["Email:FromAddress"] = "textline@example.edu",

        // The local line hands requests for a person to the outbox folder, like the summaries.
        ["Handoff:Email"] = "callbacks@example.edu",
        ["Handoff:TimeZone"] = "America/New_York",
    };
}
