using InterviewTextLine.Core.Conversations;

namespace InterviewTextLine.Core.Flow;

/// <summary>
/// The validated script of every language the line speaks, the default language first, and the keywords they give
/// together. A published version replaces them all at once (<see cref="Switch"/>, by <see cref="ScriptSwitcher"/>):
/// a reader sees the old set or the new one, never a mix of languages from two versions.
/// </summary>
public sealed class FlowScripts
{
    private volatile Version _current;

    public FlowScripts(IReadOnlyList<FlowScript> scripts) => _current = Version.Of(scripts, keywords: null);

    public FlowScript Default => _current.Scripts[0];

    /// <summary>Every script, the default first.</summary>
    public IReadOnlyList<FlowScript> All => _current.Scripts;

    /// <summary>The global keywords of every script (<see cref="KeywordTable"/>), built once per version.</summary>
    public KeywordTable Keywords => _current.Keywords;

    /// <summary>The script in <paramref name="language"/>, or the default one for a language the line does not speak.</summary>
    public FlowScript For(string? language)
    {
        var scripts = _current.Scripts;
        return scripts.FirstOrDefault(script => script.Language == language) ?? scripts[0];
    }

    /// <summary>
    /// Replaces every script at once with <paramref name="scripts"/>, already validated, and their keywords with
    /// <paramref name="keywords"/> (built from them for the new engines) or, when null, a table built here.
    /// </summary>
    public void Switch(IReadOnlyList<FlowScript> scripts, KeywordTable? keywords = null) => _current = Version.Of(scripts, keywords);

    private sealed record Version(IReadOnlyList<FlowScript> Scripts, KeywordTable Keywords)
    {
        public static Version Of(IReadOnlyList<FlowScript> scripts, KeywordTable? keywords)
        {
            ArgumentNullException.ThrowIfNull(scripts);
            return scripts.Count > 0
                ? new([.. scripts], keywords ?? KeywordTable.Of(scripts))
                : throw new ArgumentException("The line needs at least one script.", nameof(scripts));
        }
    }
}
