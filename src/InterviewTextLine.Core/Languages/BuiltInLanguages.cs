namespace InterviewTextLine.Core.Languages;

/// <summary>
/// The languages that ship with the app, English (the default) and Spanish: their profiles, in the order
/// <see cref="LanguageServiceCollectionExtensions.AddBuiltInLanguages"/> registers them. Each one's script is embedded
/// as <c>InterviewTextLine.Core.Languages.{code}.script.json</c>.
/// </summary>
public static class BuiltInLanguages
{
    public static LanguageProfile English { get; } = Embedded("en", "English") with { SentenceModelLearnedIt = true };

    public static LanguageProfile Spanish { get; } = Embedded("es", "Spanish");

    /// <summary>Every built-in language, the default first.</summary>
    public static IReadOnlyList<LanguageProfile> All { get; } = [English, Spanish];

    /// <summary>The built-in language with <paramref name="code"/>.</summary>
    /// <exception cref="KeyNotFoundException">No language with that code ships with the app.</exception>
    public static LanguageProfile Get(string code) =>
        All.FirstOrDefault(profile => profile.Code == code) ?? throw new KeyNotFoundException($"No built-in language has the code '{code}'.");

    private static LanguageProfile Embedded(string code, string name) =>
        new(code, name, LanguageFiles.Embedded(typeof(BuiltInLanguages).Assembly, $"InterviewTextLine.Core.Languages.{code}."));
}
