using System.Collections.Concurrent;
using InterviewTextLine.Core.Languages;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.Core.Flow;

/// <summary>Reads one script: the file at a path, or the one built into the app. The only reader of script files at startup.</summary>
public interface IFlowScriptReader
{
    /// <summary>The script of <paramref name="language"/> at <paramref name="path"/>, or the language's own when the path is null.</summary>
    /// <exception cref="FlowScriptException">The script is not valid JSON or misses a required member.</exception>
    FlowScript Read(LanguageProfile language, string? path);
}

/// <summary>
/// Reads scripts with <see cref="FlowLoader"/>: a file written before scripts carried their words or the fallback's apology
/// takes those of its language's own script among <paramref name="languages"/> (null: the built-in ones), with a note.
/// </summary>
public sealed class FlowScriptReader(LanguageRegistry? languages = null) : IFlowScriptReader
{
    public FlowScript Read(LanguageProfile language, string? path) =>
        path is null ? FlowLoader.Load(language) : FlowLoader.LoadFile(path, languages?.All);
}

/// <summary>Where the script of one language comes from.</summary>
/// <param name="Language">The script's language.</param>
/// <param name="Setting">The key, in the <c>Flow</c> section, of the setting that names a file for it (<c>Scripts:es</c>).</param>
/// <param name="Path">That file, or null for the language's own script.</param>
public sealed record ScriptSource(LanguageProfile Language, string Setting, string? Path);

/// <summary>A script as it was read and linted: the script when it is usable, otherwise every problem found.</summary>
/// <param name="Script">The linted script, or null when it could not be read or failed the lint.</param>
/// <param name="Problems">What is wrong with it; empty when <paramref name="Script"/> is usable.</param>
public sealed record ScriptLoad(FlowScript? Script, IReadOnlyList<string> Problems);

/// <summary>
/// The scripts the options name (<see cref="Configuration.FlowOptions.Sources"/>), each read and linted once per
/// process and remembered: the options' startup validation (<see cref="FlowScriptsValidator"/>) and the line's
/// <see cref="FlowScripts"/> share the one result, so a start reads each language's script once.
/// </summary>
public sealed partial class ConfiguredScripts(IFlowScriptReader reader, ILogger<ConfiguredScripts>? logger = null)
{
    private readonly ConcurrentDictionary<(LanguageProfile Language, string? Path), Lazy<ScriptLoad>> _loads = new();

    /// <summary>The script of <paramref name="language"/> at <paramref name="path"/> (null: the language's own), read and linted on first use.</summary>
    public ScriptLoad Load(LanguageProfile language, string? path) =>
        _loads.GetOrAdd((language, string.IsNullOrWhiteSpace(path) ? null : path), key => new Lazy<ScriptLoad>(() => Read(key.Language, key.Path))).Value;

    /// <summary>The usable script of every source, in order.</summary>
    /// <exception cref="FlowScriptException">A script cannot be read or fails the lint (the options' validation has said so at startup).</exception>
    public IReadOnlyList<FlowScript> All(IEnumerable<ScriptSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return [.. sources.Select(source => Load(source.Language, source.Path) is { Script: { } script } ? script : throw new FlowScriptException(Load(source.Language, source.Path).Problems))];
    }

    private ScriptLoad Read(LanguageProfile language, string? path)
    {
        try
        {
            var script = reader.Read(language, path);
            var problems = FlowValidator.Validate(script);
            if (script.Language != language.Code)
            {
                problems = [.. problems, $"The script says its language is '{script.Language}', not '{language.Code}'."];
            }

            foreach (var note in problems.Count == 0 && logger is not null && path is not null ? script.Notes : [])
            {
                LogCompleted(logger!, language.Code, path!, note);
            }

            return new ScriptLoad(problems.Count == 0 ? script : null, problems);
        }
        catch (FlowScriptException exception)
        {
            return new ScriptLoad(null, exception.Problems);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new ScriptLoad(null, [$"It could not be read: {exception.Message}"]);
        }
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "The {Language} script file {Path}: {Note} Add what it lacks to the file to stop this note.")]
    private static partial void LogCompleted(ILogger logger, string language, string path, string note);
}
