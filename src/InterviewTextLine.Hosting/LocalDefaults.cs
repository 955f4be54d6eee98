namespace InterviewTextLine.Hosting;

/// <summary>
/// The embedded settings that let <c>textline chat</c> and <c>textline serve</c> run on a laptop with
/// no configuration. None of them is fit for production: the Azure deployment sets every one.
/// </summary>
public static class LocalDefaults
{
    public static IReadOnlyDictionary<string, string?> Values { get; } = new Dictionary<string, string?>
    {
        ["Program:Name"] = "Career Services (local)",
        ["Program:HelpContact"] = "careers@example.edu",
        ["Program:Url"] = "https://careers.example.edu",
        ["Privacy:PhoneHashKey"] = "local-development-only-phone-hash-key-not-for-production",
        ["Email:FromAddress"] = "textline@example.edu",
    };
}
