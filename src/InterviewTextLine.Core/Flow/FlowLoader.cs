using System.Text.Json;
using InterviewTextLine.Core.Languages;

namespace InterviewTextLine.Core.Flow;

/// <summary>Reads a flow script from JSON: a language's own (<see cref="LanguageProfile"/>), or a file being edited.</summary>
public static class FlowLoader
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The codes of the languages that ship with the app, the default first.</summary>
    public static IReadOnlyList<string> Languages { get; } = [.. BuiltInLanguages.All.Select(profile => profile.Code)];

    /// <summary>The script that ships with the app in its default language.</summary>
    public static FlowScript LoadEmbedded() => Load(BuiltInLanguages.All[0]);

    /// <summary>The script that ships with the app in <paramref name="language"/>.</summary>
    public static FlowScript LoadEmbedded(string language) => Load(BuiltInLanguages.Get(language));

    /// <summary>The text of the script that ships with the app in <paramref name="language"/>.</summary>
    public static string ReadEmbeddedJson(string language) => BuiltInLanguages.Get(language).ReadScript();

    /// <summary>The own script of the language <paramref name="profile"/> describes.</summary>
    public static FlowScript Load(LanguageProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        using var stream = profile.Files.Open(LanguageFiles.Script)
            ?? throw new InvalidOperationException($"The language '{profile.Code}' has no flow script ({LanguageFiles.Script}).");
        return Load(stream);
    }

    /// <summary>The script at <paramref name="path"/>, or the shipped one when no path is given.</summary>
    public static FlowScript LoadFileOrEmbedded(string? path) => path is null ? LoadEmbedded() : LoadFile(path);

    public static FlowScript LoadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <summary>Parses a script. Malformed JSON or a missing required member throws <see cref="FlowScriptException"/>.</summary>
    public static FlowScript Load(Stream json)
    {
        try
        {
            return JsonSerializer.Deserialize<FlowScript>(json, SerializerOptions)
                ?? throw new FlowScriptException(["The script is empty."]);
        }
        catch (JsonException exception)
        {
            throw new FlowScriptException([$"The script is not valid: {exception.Message}"], exception);
        }
    }
}

/// <summary>A flow script that cannot be used, with every problem found.</summary>
public sealed class FlowScriptException : Exception
{
    public FlowScriptException(IReadOnlyList<string> problems)
        : base(Describe(problems)) => Problems = problems;

    public FlowScriptException(IReadOnlyList<string> problems, Exception innerException)
        : base(Describe(problems), innerException) => Problems = problems;

    public FlowScriptException()
        : this(["The flow script is not valid."])
    {
    }

    public FlowScriptException(string message)
        : this([message])
    {
    }

    public FlowScriptException(string message, Exception innerException)
        : this([message], innerException)
    {
    }

    public IReadOnlyList<string> Problems { get; }

    private static string Describe(IReadOnlyList<string> problems) =>
        "The flow script is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => " - " + p));
}
