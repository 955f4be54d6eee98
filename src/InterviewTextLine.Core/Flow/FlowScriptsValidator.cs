using InterviewTextLine.Core.Configuration;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core.Flow;

/// <summary>
/// Stops startup when a script <see cref="FlowOptions"/> names cannot be used: it cannot be read, it fails the lint,
/// or, when any script is an edited file, it differs from the default language's in its states, options or
/// placeholders (an edited English script needs its Spanish twin). Each message names the setting, as an operator
/// sets it, and lists the lint's problems. The scripts are read through <see cref="ConfiguredScripts"/>, so the line
/// then uses the very scripts validated here.
/// </summary>
public sealed class FlowScriptsValidator(ConfiguredScripts scripts) : IValidateOptions<FlowOptions>
{
    public ValidateOptionsResult Validate(string? name, FlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sources = options.Sources;
        var loads = sources.Select(source => scripts.Load(source.Language, source.Path)).ToList();
        var edited = sources.Any(source => source.Path is not null);
        var failures = new List<string>();
        for (var i = 0; i < sources.Count; i++)
        {
            var problems = loads[i].Problems;
            if (i > 0 && edited && loads[0].Script is { } first && loads[i].Script is { } other)
            {
                problems = [.. problems, .. FlowValidator.CompareWith(first, other)];
            }

            if (problems.Count > 0)
            {
                failures.Add(Describe(sources[i], problems));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Describe(ScriptSource source, IReadOnlyList<string> problems) =>
        $"{FlowOptions.SectionName}:{source.Setting} (app setting {FlowOptions.SectionName}__{source.Setting}): "
        + $"The flow script '{source.Path ?? $"(built-in {source.Language})"}' is not valid:"
        + string.Concat(problems.Select(problem => Environment.NewLine + " - " + problem));
}
