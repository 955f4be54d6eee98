namespace InterviewTextLine.Core.Flow;

/// <summary>The validated script of every language the line speaks, the default language first.</summary>
public sealed class FlowScripts
{
    private readonly IReadOnlyList<FlowScript> _scripts;

    public FlowScripts(IReadOnlyList<FlowScript> scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        _scripts = scripts.Count > 0 ? scripts : throw new ArgumentException("The line needs at least one script.", nameof(scripts));
    }

    public FlowScript Default => _scripts[0];

    /// <summary>Every script, the default first.</summary>
    public IReadOnlyList<FlowScript> All => _scripts;

    /// <summary>The script in <paramref name="language"/>, or the default one for a language the line does not speak.</summary>
    public FlowScript For(string? language) => _scripts.FirstOrDefault(script => script.Language == language) ?? Default;
}
