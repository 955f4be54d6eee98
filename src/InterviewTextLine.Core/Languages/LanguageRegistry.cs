namespace InterviewTextLine.Core.Languages;

/// <summary>The languages registered with the line (<see cref="LanguageProfile"/>), in registration order: the first is the default.</summary>
public sealed class LanguageRegistry
{
    public LanguageRegistry(IEnumerable<LanguageProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        All = [.. profiles];
        if (All.Count == 0)
        {
            throw new InvalidOperationException("The line has no language registered: call AddLanguage() or AddBuiltInLanguages().");
        }

        var twice = All.GroupBy(profile => profile.Code, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (twice is not null)
        {
            throw new InvalidOperationException($"The language '{twice.Key}' is registered twice.");
        }
    }

    /// <summary>Every registered language, the default first.</summary>
    public IReadOnlyList<LanguageProfile> All { get; }

    public LanguageProfile Default => All[0];

    /// <summary>The codes of every registered language, the default first.</summary>
    public IReadOnlyList<string> Codes => [.. All.Select(profile => profile.Code)];

    /// <summary>The language with <paramref name="code"/>, or null for one the line does not speak.</summary>
    public LanguageProfile? Find(string? code) => All.FirstOrDefault(profile => profile.Code == code);

    /// <summary>The language with <paramref name="code"/>, or the default one for a language the line does not speak.</summary>
    public LanguageProfile For(string? code) => Find(code) ?? Default;
}
