using System.Text.Json;

namespace InterviewTextLine.Core.Flow;

/// <summary>Reads a flow script from JSON: the one shipped inside the app, or a file being edited.</summary>
public static class FlowLoader
{
    private const string EmbeddedName = "InterviewTextLine.Core.Flow.script.json";

    /// <summary>The languages with a built-in script: <c>script.json</c> is English, <c>script.es.json</c> Spanish.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "es"];

    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The script that ships with the app, in English.</summary>
    public static FlowScript LoadEmbedded() => LoadEmbedded("en");

    /// <summary>The script that ships with the app in <paramref name="language"/>.</summary>
    public static FlowScript LoadEmbedded(string language)
    {
        var name = language == "en" ? EmbeddedName : $"InterviewTextLine.Core.Flow.script.{language}.json";
        using var stream = typeof(FlowLoader).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded flow script '{name}' is missing.");
        return Load(stream);
    }

    /// <summary>The text of the script that ships with the app in <paramref name="language"/>.</summary>
    public static string ReadEmbeddedJson(string language)
    {
        var name = language == "en" ? EmbeddedName : $"InterviewTextLine.Core.Flow.script.{language}.json";
        using var stream = typeof(FlowLoader).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded flow script '{name}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
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
