using System.CommandLine;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Languages;

namespace InterviewTextLine.Cli;

/// <summary>
/// <c>--script</c> for <c>chat</c>, <c>serve</c> and <c>publish</c>: the scripts of the languages that ship with the
/// line, as <c>--script CODE=FILE</c> (repeat), a folder (the default language's <c>script.json</c> and each other's
/// <c>script.CODE.json</c>, as in the repository; <c>CODE.json</c> too), or one file (the default language's).
/// </summary>
internal static class ScriptArguments
{
    public static Option<string[]> Option(string description) => new("--script")
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The file of each language named by <paramref name="values"/>; throws <see cref="ArgumentException"/> for one that cannot be.</summary>
    public static IReadOnlyDictionary<string, string> Files(IEnumerable<string>? values)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var first = BuiltInLanguages.All[0].Code;
        foreach (var value in values ?? [])
        {
            var split = value.IndexOf('=', StringComparison.Ordinal);
            if (split > 0 && FlowLoader.Languages.Contains(value[..split]))
            {
                files[value[..split]] = Path.GetFullPath(value[(split + 1)..]);
            }
            else if (Directory.Exists(value))
            {
                foreach (var language in FlowLoader.Languages)
                {
                    var names = language == first ? new[] { LanguageFiles.Script, $"{language}.json" } : [$"script.{language}.json", $"{language}.json"];
                    if (names.Select(name => Path.Combine(value, name)).FirstOrDefault(File.Exists) is { } found)
                    {
                        files[language] = Path.GetFullPath(found);
                    }
                }
            }
            else if (split > 0)
            {
                throw new ArgumentException($"--script {value}: '{value[..split]}' is not a language the line speaks ({string.Join(", ", FlowLoader.Languages)}).");
            }
            else
            {
                files[first] = Path.GetFullPath(value);
            }
        }

        return files;
    }

    /// <summary>The settings that make the line speak these files (<c>Flow:Scripts:CODE</c>).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var (language, path) in files)
        {
            yield return new($"{FlowOptions.SectionName}:{FlowOptions.ScriptsKey}:{language}", path);
        }
    }
}
