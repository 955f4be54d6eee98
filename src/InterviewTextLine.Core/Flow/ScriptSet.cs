using System.Text;
using InterviewTextLine.Core.Languages;

namespace InterviewTextLine.Core.Flow;

/// <summary>
/// The scripts of every language read and linted together, as one version: each must pass the lint on its own, and
/// every translation must have the default language's states, options and placeholders. What <c>textline publish</c>
/// checks before uploading and what the running line checks before switching to a published version.
/// </summary>
public static class ScriptSet
{
    /// <summary>
    /// Reads the JSON of each language's script (keyed by language code), for the line that speaks
    /// <paramref name="languages"/> (the default first). Returns the scripts, the default language's first, or
    /// null with every problem found. A script published before scripts carried their words or the fallback's apology takes its language's own
    /// (<see cref="FlowLoader.Load(Stream, IReadOnlyList{LanguageProfile})"/>), with a note in its <see cref="FlowScript.Notes"/>.
    /// </summary>
    public static (IReadOnlyList<FlowScript>? Scripts, IReadOnlyList<string> Problems) Read(IReadOnlyDictionary<string, string> jsonByLanguage, IReadOnlyList<LanguageProfile> languages)
    {
        ArgumentNullException.ThrowIfNull(jsonByLanguage);
        ArgumentNullException.ThrowIfNull(languages);
        var problems = new List<string>();
        var scripts = new List<FlowScript>();
        var codes = languages.Select(profile => profile.Code).ToList();
        foreach (var language in codes)
        {
            if (!jsonByLanguage.TryGetValue(language, out var json))
            {
                problems.Add($"The version has no '{language}' script: every language the line speaks is published together.");
                continue;
            }

            try
            {
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
                var script = FlowLoader.Load(stream, languages);
                var found = FlowValidator.Validate(script).Select(problem => $"{language}: {problem}").ToList();
                if (script.Language != language)
                {
                    found.Add($"{language}: the script says its language is '{script.Language}'.");
                }

                problems.AddRange(found);
                scripts.Add(script);
            }
            catch (FlowScriptException exception)
            {
                problems.AddRange(exception.Problems.Select(problem => $"{language}: {problem}"));
            }
        }

        problems.AddRange(jsonByLanguage.Keys.Except(codes, StringComparer.Ordinal).Select(language => $"'{language}' is not a language the line speaks."));
        if (problems.Count == 0)
        {
            problems.AddRange(FlowValidator.CompareAll(scripts));
        }

        return problems.Count == 0 ? (scripts, problems) : (null, problems);
    }

    /// <summary>The languages' own scripts as JSON, keyed by language: what the line speaks when nothing was published.</summary>
    public static IReadOnlyDictionary<string, string> Embedded(IEnumerable<LanguageProfile> languages) =>
        languages.ToDictionary(language => language.Code, language => language.ReadScript(), StringComparer.Ordinal);
}
