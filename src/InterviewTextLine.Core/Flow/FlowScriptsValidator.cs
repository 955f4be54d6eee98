using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Languages;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core.Flow;

/// <summary>
/// Stops startup when a script <see cref="FlowOptions"/> names cannot be used: it cannot be read, it fails the lint,
/// it differs from the default language's in its states, options or placeholders (an edited script of the default
/// language needs its translations to follow, and a registered language must match), or a welcome does not show how
/// to switch language; and when a setting names a language the line does not speak. Each message names the setting, as an operator
/// sets it, and lists the lint's problems. The scripts are read through <see cref="ConfiguredScripts"/>, so the line
/// then uses the very scripts validated here.
/// </summary>
public sealed class FlowScriptsValidator(ConfiguredScripts scripts, LanguageRegistry languages) : IValidateOptions<FlowOptions>
{
    public ValidateOptionsResult Validate(string? name, FlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sources = options.Sources(languages);
        var loads = sources.Select(source => scripts.Load(source.Language, source.Path)).ToList();
        var failures = options.Unknown(languages)
            .Select(code => $"{FlowOptions.SectionName}:{FlowOptions.ScriptsKey}:{code} (app setting {FlowOptions.SectionName}__{FlowOptions.ScriptsKey}__{code}): "
                + $"'{code}' is not a language the line speaks ({string.Join(", ", languages.Codes)}).")
            .ToList();
        for (var i = 0; i < sources.Count; i++)
        {
            var problems = loads[i].Problems;
            if (i > 0 && loads[0].Script is { } first && loads[i].Script is { } other)
            {
                problems = [.. problems, .. FlowValidator.CompareWith(first, other)];
            }

            if (problems.Count > 0)
            {
                failures.Add(Describe(sources[i], problems));
            }
        }

        if (failures.Count == 0 && loads.All(load => load.Script is not null))
        {
            // Between the languages: how each welcome shows the way to another.
            var between = FlowValidator.CompareAll([.. loads.Select(load => load.Script!)], translations: false);
            failures.AddRange(between.Select(problem => $"{FlowOptions.SectionName}:{FlowOptions.ScriptsKey}: {problem}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Describe(ScriptSource source, IReadOnlyList<string> problems) =>
        $"{FlowOptions.SectionName}:{source.Setting} (app setting {FlowOptions.SectionName}__{source.Setting.Replace(":", "__", StringComparison.Ordinal)}): "
        + $"The flow script '{source.Path ?? $"(built-in {source.Language.Code})"}' is not valid:"
        + string.Concat(problems.Select(problem => Environment.NewLine + " - " + problem));
}
