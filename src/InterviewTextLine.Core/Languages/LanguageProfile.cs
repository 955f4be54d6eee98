namespace InterviewTextLine.Core.Languages;

/// <summary>
/// Everything about one language the line speaks that is not code: its code, its name, and where its data comes
/// from (<see cref="Files"/>: the flow script, whose <see cref="Flow.ScriptWords"/> hold the language's own words, and
/// optionally its follow-up email templates). Its trained model is found by its code (the understanding's
/// <c>ShippedModels</c>); a language without one is understood from its script alone. Its script can be replaced
/// without a rebuild by the setting <c>Flow:Scripts:{Code}</c>. Registered once per language with
/// <see cref="LanguageServiceCollectionExtensions.AddLanguage"/>; the first registered is the line's default.
/// </summary>
/// <param name="Code">The language's code, as scripts, stored conversations and file names know it.</param>
/// <param name="Name">The language's name in English, for the office's emails ("Spanish").</param>
/// <param name="Files">Where the language's data files are read from.</param>
public sealed record LanguageProfile(string Code, string Name, LanguageFiles Files)
{
    /// <summary>
    /// True when the shared sentence model learned this language: only there does its vocabulary tell a typo from a
    /// word the line has never seen, so only there are typos mended towards it. Elsewhere the classifier's letter
    /// n-grams forgive typos instead.
    /// </summary>
    public bool SentenceModelLearnedIt { get; init; }

    /// <summary>The key, inside the <c>Flow</c> section, of the setting that replaces this language's script.</summary>
    public string ScriptSetting => $"{Configuration.FlowOptions.ScriptsKey}:{Code}";

    /// <summary>The text of this language's own flow script.</summary>
    /// <exception cref="InvalidOperationException">The profile's files hold no script.</exception>
    public string ReadScript() => Files.ReadText(LanguageFiles.Script)
        ?? throw new InvalidOperationException($"The language '{Code}' has no flow script ({LanguageFiles.Script}).");
}
