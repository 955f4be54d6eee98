using System.CommandLine;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.Cli;

/// <summary>
/// <c>--script</c> for <c>chat</c>, <c>serve</c> and <c>publish</c>: the scripts of every language, as
/// <c>--script en=a.json --script es=b.json</c>, a folder (<c>script.json</c> is English, <c>script.es.json</c> Spanish,
/// as in the repository; <c>en.json</c> and <c>es.json</c> too), or one file (English, as before).
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
                    var names = language == "en" ? new[] { "script.json", "en.json" } : [$"script.{language}.json", $"{language}.json"];
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
                files["en"] = Path.GetFullPath(value);
            }
        }

        return files;
    }

    /// <summary>The settings that make the line speak these files (<c>Flow:ScriptPath</c>, <c>Flow:SpanishScriptPath</c>).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var (language, path) in files)
        {
            var key = language == "en" ? nameof(FlowOptions.ScriptPath) : nameof(FlowOptions.SpanishScriptPath);
            yield return new($"{FlowOptions.SectionName}:{key}", path);
        }
    }
}
