using InterviewTextLine.Core.Understanding;

namespace InterviewTextLine.Core.Conversations;

/// <summary>
/// The line in every language it speaks: one engine per language, each over its own script and
/// understander, and the choice of which one answers a text.
/// </summary>
/// <remarks>
/// <para>
/// A texter keeps the language stored with their conversation. A first text (or the first after a long
/// silence, or one sent at the welcome) written plainly in another language switches to it, so
/// "el entrevistador es muy grosero" is answered in Spanish without asking. Later in a conversation only
/// a clear sentence of several words switches, never a short reply that both languages share ("ok",
/// "no"). ESPAÑOL / ESPANOL and ENGLISH / INGLES switch at any time.
/// </para>
/// <para>
/// The scripts have the same states (the lint checks it), so a texter who switches stays where they are.
/// </para>
/// </remarks>
public sealed class LineLanguages
{
    /// <summary>How far a language must lead to switch to it in the middle of a conversation.</summary>
    public const double MidConversationLead = 0.3;

    /// <summary>The fewest words for a text to switch language in the middle of a conversation.</summary>
    public const int MidConversationWords = 3;

    private readonly Dictionary<string, ConversationEngine> _engines;
    private readonly LanguageDetector? _detector;

    /// <param name="engines">One engine per language; the first is the line's default language.</param>
    /// <param name="detector">Tells the language of a text, or null to change language only by keyword.</param>
    public LineLanguages(IEnumerable<ConversationEngine> engines, LanguageDetector? detector)
    {
        ArgumentNullException.ThrowIfNull(engines);
        var list = engines.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("The line needs at least one language.", nameof(engines));
        }

        Default = list[0];
        _engines = list.ToDictionary(engine => engine.Script.Language, StringComparer.Ordinal);
        _detector = detector;
    }

    /// <summary>The engine of the line's default language (English).</summary>
    public ConversationEngine Default { get; }

    /// <summary>The engine of each language, the default first.</summary>
    public IEnumerable<ConversationEngine> Engines => _engines.Values.OrderBy(engine => engine == Default ? 0 : 1);

    /// <summary>The engine for <paramref name="language"/>, or the default one for a language the line does not speak.</summary>
    public ConversationEngine For(string? language) =>
        language is not null && _engines.TryGetValue(language, out var engine) ? engine : Default;

    /// <summary>Decides what to do with one inbound text, in the language it should be answered in.</summary>
    public Decision Decide(Conversation? stored, string? body, int mediaCount, DateTimeOffset now) =>
        For(LanguageFor(stored, body, now)).Decide(stored, body, mediaCount, now);

    /// <summary>The language to answer <paramref name="body"/> in.</summary>
    public string LanguageFor(Conversation? stored, string? body, DateTimeOffset now)
    {
        var current = For(stored?.Language).Script.Language;
        if (stored is { OptedOut: true })
        {
            return current;
        }

        if (TextMatcher.SingleWord(body) is { } word && Keywords.Languages.TryGetValue(word, out var chosen) && _engines.ContainsKey(chosen))
        {
            return chosen;
        }

        if (_detector is null || _engines.Count == 1 || string.IsNullOrWhiteSpace(body))
        {
            return current;
        }

        var starting = stored is null || For(current).IsStarting(stored, now);
        var detected = starting
            ? _detector.Detect(body)
            : TextMatcher.Words(body).Count >= MidConversationWords ? _detector.Detect(body, MidConversationLead) : null;
        return detected is not null && _engines.ContainsKey(detected) ? detected : current;
    }
}
