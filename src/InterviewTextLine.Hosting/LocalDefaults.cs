namespace InterviewTextLine.Hosting;

/// <summary>
/// The settings local runs (<c>textline serve</c>, <c>textline chat</c>) fall back to, so that they start with
/// nothing configured but what they cannot invent (for <c>serve</c>, the Twilio auth token). Every value is
/// obviously local; the Azure deployment sets each of these itself and never reads this class.
/// </summary>
public static class LocalDefaults
{
    /// <summary>
    /// A fixed phone-hash key for development only: conversations hashed with it are not private from anyone
    /// who can read this source.
    /// </summary>
    public const string DevelopmentOnlyPhoneHashKey = "dev-only-phone-hash-key-never-use-in-azure-0000";

    /// <summary>Configuration keys (with <c>:</c>) and their local values.</summary>
    public static IReadOnlyDictionary<string, string?> Values { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["Program:Name"] = "Career Services (local)",
        ["Program:HelpContact"] = "help@example.org",
        ["Program:Url"] = "https://example.org/career-services",
        ["Privacy:PhoneHashKey"] = DevelopmentOnlyPhoneHashKey,
        ["Email:FromAddress"] = "textline@example.org",
    };
}
