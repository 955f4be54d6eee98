using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Diagnostics;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.Core.Flow;

/// <summary>
/// Puts a published script version in front of texters without a restart: the scripts of every language are read
/// and linted together (<see cref="ScriptSet"/>), and only a version that passes replaces the line's scripts and
/// engines, all at once. A version that fails is refused whole: the line keeps the wording it had, and a metric
/// (<c>textline.scripts.versions</c>, result <c>refused</c>) and an error log say so. A conversation stored in a state
/// the new version no longer has starts again at the welcome on its next text (see
/// <see cref="ConversationEngine.IsExpired"/>).
/// </summary>
public sealed partial class ScriptSwitcher(
    FlowScripts scripts,
    LineLanguages languages,
    EngineFactory engines,
    Languages.LanguageRegistry registered,
    InsightMetrics metrics,
    ILogger<ScriptSwitcher> logger)
{
    private readonly Lock _gate = new();

    /// <summary>The published version the line speaks, or null for the scripts it started with.</summary>
    public string? CurrentVersion { get; private set; }

    /// <summary>The last version refused, so a refused version is reported once, not on every check.</summary>
    public string? RefusedVersion { get; private set; }

    /// <summary>Switches to <paramref name="version"/>; returns the problems that refused it (empty: switched).</summary>
    public IReadOnlyList<string> TrySwitch(string version, IReadOnlyDictionary<string, string> jsonByLanguage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        lock (_gate)
        {
            if (version == CurrentVersion)
            {
                return [];
            }

            var (read, problems) = ScriptSet.Read(jsonByLanguage, registered.All);
            if (read is null)
            {
                if (version != RefusedVersion)
                {
                    RefusedVersion = version;
                    // The log before the count: whoever watches the count (an alert, a test) finds the reason written.
                    LogRefused(version, problems.Count, problems);
                    metrics.ScriptVersion(switched: false);
                }

                return problems;
            }

            // Engines first (the lint above has passed each script, so building one does not lint it again); only
            // then is anything replaced.
            var keywords = KeywordTable.Of(read);
            var built = read.Select(script => engines.Create(script, keywords)).ToList();

            // Each new script gets an understander of its own: read one text with it now, so no texter waits for it.
            foreach (var engine in built)
            {
                engine.Understander.Understand(Understanding.TextReading.Of("hello"), engine.Script.State(engine.Script.Start), justAskedBack: false);
            }

            scripts.Switch(read, keywords);
            languages.Switch(built);
            (CurrentVersion, RefusedVersion) = (version, null);
            metrics.ScriptVersion(switched: true);
            LogSwitched(version, read.Count);
            foreach (var script in read)
            {
                foreach (var note in script.Notes)
                {
                    LogCompleted(version, script.Language, note);
                }
            }

            return [];
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Switched to published script version {Version} ({Languages} languages)")]
    private partial void LogSwitched(string version, int languages);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Published script version {Version}, {Language}: {Note} Republish it with what it lacks to stop this note.")]
    private partial void LogCompleted(string version, string language, string note);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "Refused published script version {Version}; the line keeps its wording. {Count} problem(s): {Problems}")]
    private partial void LogRefused(string version, int count, IReadOnlyList<string> problems);
}

/// <summary>Builds the engine of one script, over its language's understanding and the line's options.</summary>
public sealed class EngineFactory(
    Understanding.ITextUnderstanding understanding,
    Microsoft.Extensions.Options.IOptions<Configuration.ProgramOptions> program,
    Microsoft.Extensions.Options.IOptions<Configuration.ConversationOptions> conversation,
    Microsoft.Extensions.Options.IOptions<Configuration.FollowUpOptions> followUp,
    Microsoft.Extensions.Options.IOptions<Configuration.LimitsOptions> limits,
    Microsoft.Extensions.Options.IOptions<Handoffs.HandoffOptions> handoff)
{
    /// <summary>The understanding's language detector.</summary>
    public Understanding.ILanguageDetector Detector => understanding.Detector;

    /// <summary>The engine of <paramref name="script"/>, hearing the keywords of its whole set (<paramref name="keywords"/>).</summary>
    public ConversationEngine Create(FlowScript script, KeywordTable keywords) =>
        new(script, keywords, understanding.Understander(script, keywords), program, conversation, followUp, limits, handoff);
}
