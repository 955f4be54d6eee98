using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>The script at <paramref name="path"/>, completed as <see cref="Load(Stream, IReadOnlyList{LanguageProfile})"/> says.</summary>
    public static FlowScript LoadFile(string path, IReadOnlyList<LanguageProfile>? languages = null)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, languages);
    }

    /// <summary>
    /// Parses a script. One written before scripts carried their language's words or the fallback's apology (a version
    /// published or a file edited then) is completed rather than refused: without a <c>language</c> it is the default
    /// language's, as it was then, and without <c>words</c> or a <c>fallback</c> message it takes those of its
    /// language's own script, each with a note (<see cref="FlowScript.Notes"/>). A <c>words</c> section or a
    /// <c>fallback</c> message that is there is used as it is, and linted.
    /// Malformed JSON or a missing required member throws <see cref="FlowScriptException"/>.
    /// </summary>
    /// <param name="json">The script.</param>
    /// <param name="languages">The languages the line speaks, the default first; null: those that ship with the app.</param>
    public static FlowScript Load(Stream json, IReadOnlyList<LanguageProfile>? languages = null)
    {
        languages ??= BuiltInLanguages.All;
        try
        {
            if (JsonNode.Parse(json, NodeOptions, DocumentOptions) is not JsonObject script)
            {
                throw new FlowScriptException(["The script is empty or not a JSON object."]);
            }

            var notes = Complete(script, languages);
            var loaded = script.Deserialize<FlowScript>(SerializerOptions) ?? throw new FlowScriptException(["The script is empty."]);
            return notes.Count == 0 ? loaded : loaded with { Notes = notes };
        }
        catch (JsonException exception)
        {
            throw new FlowScriptException([$"The script is not valid: {exception.Message}"], exception);
        }
    }

    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Fills in the language, the words and the fallback's apology of a script written before scripts carried them; returns what was filled in.</summary>
    private static List<string> Complete(JsonObject script, IReadOnlyList<LanguageProfile> languages)
    {
        var notes = new List<string>();
        if (script["language"] is null && languages.Count > 0)
        {
            script["language"] = languages[0].Code;
            notes.Add($"The script names no language: it is taken for the default language ('{languages[0].Code}'), as scripts without one were.");
        }

        var code = script["language"]?.GetValueKind() == JsonValueKind.String ? script["language"]!.GetValue<string>() : null;
        // Read only when something is missing: most scripts have it all, and the own script is large.
        var own = new Lazy<JsonNode?>(() => languages.FirstOrDefault(language => language.Code == code) is { } profile
            ? JsonNode.Parse(profile.ReadScript(), NodeOptions, DocumentOptions)
            : null);
        if (script["words"] is null && own.Value?["words"] is { } words)
        {
            script["words"] = words.DeepClone();
            notes.Add($"The script has no words section (it was written before scripts carried them): it takes those of the '{code}' language's own script.");
        }

        if (script["messages"] is JsonObject messages && !messages.ContainsKey(MessageKeys.Fallback) && own.Value?["messages"]?[MessageKeys.Fallback] is { } apology)
        {
            messages[MessageKeys.Fallback] = apology.DeepClone();
            notes.Add($"The script has no '{MessageKeys.Fallback}' message (it was written before scripts carried the fallback URL's apology): it takes that of the '{code}' language's own script.");
        }

        return notes;
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
