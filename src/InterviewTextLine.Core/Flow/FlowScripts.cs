namespace InterviewTextLine.Core.Flow;

/// <summary>
/// The validated script of every language the line speaks, the default language first. A published version
/// replaces them all at once (<see cref="Switch"/>, by <see cref="ScriptSwitcher"/>): a reader sees the old set or
/// the new one, never a mix of languages from two versions.
/// </summary>
public sealed class FlowScripts
{
    private volatile IReadOnlyList<FlowScript> _scripts;

    public FlowScripts(IReadOnlyList<FlowScript> scripts) => _scripts = Checked(scripts);

    public FlowScript Default => _scripts[0];

    /// <summary>Every script, the default first.</summary>
    public IReadOnlyList<FlowScript> All => _scripts;

    /// <summary>The script in <paramref name="language"/>, or the default one for a language the line does not speak.</summary>
    public FlowScript For(string? language)
    {
        var scripts = _scripts;
        return scripts.FirstOrDefault(script => script.Language == language) ?? scripts[0];
    }

    /// <summary>Replaces every script at once with <paramref name="scripts"/>, already validated.</summary>
    public void Switch(IReadOnlyList<FlowScript> scripts) => _scripts = Checked(scripts);

    private static IReadOnlyList<FlowScript> Checked(IReadOnlyList<FlowScript> scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        return scripts.Count > 0 ? [.. scripts] : throw new ArgumentException("The line needs at least one script.", nameof(scripts));
    }
}
