using InterviewTextLine.Core.Understanding;

namespace InterviewTextLine.Core.Conversations;

/// <summary>
/// The line in every language it speaks: one engine per language, each over its own script and
/// understander, and the choice of which one answers a text.
/// </summary>
/// <remarks>
/// <para>
/// A texter keeps the language stored with their conversation. A first text (or the first after a long
/// silence, or one sent at the welcome) written clearly in another language switches to it, so
/// "el entrevistador es muy grosero" is answered in Spanish without asking. Later in a conversation only a
/// sentence with several words of the other language switches, never a short text ("ok", "no", "gun").
/// A language's switch words (its script's <see cref="Flow.ScriptWords.Switch"/>: ESPAÑOL, ENGLISH) switch at any time. The scripts have the same states (the lint
/// checks it), so a texter who switches stays where they are.
/// </para>
/// <para>
/// Danger is heard in every language: before an engine is chosen, every other language's reading is asked
/// whether the text is urgent (its sure phrases, and its model when the text is written in it). The safety
/// advice then comes in the language of the text when that is clear, else in the texter's.
/// </para>
/// </remarks>
public sealed class LineLanguages
{
    private readonly ILanguageDetector? _detector;

    // Swapped whole when a published script version is taken (Switch): a text is decided by one set of engines.
    private volatile Snapshot _current;

    /// <param name="engines">One engine per language; the first is the line's default language.</param>
    /// <param name="detector">Tells the language of a text, or null to change language only by keyword.</param>
    public LineLanguages(IEnumerable<ConversationEngine> engines, ILanguageDetector? detector)
    {
        _current = Snapshot.Of(engines);
        _detector = detector;
    }

    /// <summary>The engine of the line's default language.</summary>
    public ConversationEngine Default => _current.Engines[0];

    /// <summary>The engine of each language, the default first.</summary>
    public IReadOnlyList<ConversationEngine> Engines => _current.Engines;

    /// <summary>Replaces every language's engine at once (a new script version); texts already being decided finish on the old ones.</summary>
    public void Switch(IEnumerable<ConversationEngine> engines) => _current = Snapshot.Of(engines);

    /// <summary>The engine for <paramref name="language"/>, or the default one for a language the line does not speak.</summary>
    public ConversationEngine For(string? language) => _current.For(language);

    private sealed record Snapshot(IReadOnlyList<ConversationEngine> Engines, Dictionary<string, (ConversationEngine Engine, ITextUnderstander Understander)> Languages)
    {
        public static Snapshot Of(IEnumerable<ConversationEngine> engines)
        {
            ArgumentNullException.ThrowIfNull(engines);
            var list = engines.ToList();
            return list.Count == 0
                ? throw new ArgumentException("The line needs at least one language.", nameof(engines))
                : new(list, list.ToDictionary(engine => engine.Script.Language, engine => (engine, engine.Understander), StringComparer.Ordinal));
        }

        public ConversationEngine For(string? language) =>
            language is not null && Languages.TryGetValue(language, out var entry) ? entry.Engine : Engines[0];
    }

    /// <summary>Decides what to do with one inbound text, in the language it should be answered in.</summary>
    /// <param name="stored">The stored conversation, or null.</param>
    /// <param name="body">The message text, possibly empty.</param>
    /// <param name="mediaCount">How many pictures or files came with it.</param>
    /// <param name="now">The current time.</param>
    /// <param name="carried">With no stored conversation: the reply cap's tally a FORGET left, if any.</param>
    public Decision Decide(Conversation? stored, string? body, int mediaCount, DateTimeOffset now, ReplyTally? carried = null)
    {
        var text = TextReading.Of(body);
        var snapshot = _current;
        var engine = snapshot.For(LanguageFor(snapshot, stored, text, now));
        if (stored is { OptedOut: true })
        {
            return engine.Decide(stored, body, text, mediaCount, now, carried);
        }

        // A number past its reply cap is heard only for its keywords and for danger by the sure phrases: such a
        // text costs one read and no model.
        var capped = engine.IsCapped(stored, now, carried);
        if (UrgentIn(snapshot, engine, text, capped) is { } urgent)
        {
            return urgent.DecideUrgent(stored, now, carried);
        }

        return engine.Decide(stored, body, text, mediaCount, now, carried);
    }

    /// <summary>
    /// The engine to give the safety advice when another language reads <paramref name="text"/> as danger, or null.
    /// The texter's own language is left to its engine, which hears danger first of all.
    /// </summary>
    private ConversationEngine? UrgentIn(Snapshot snapshot, ConversationEngine chosen, TextReading text, bool capped)
    {
        if (capped && chosen.Understander.IsUrgent(text, rulesOnly: true))
        {
            return chosen;
        }

        var written = _detector?.Detect(text, midConversation: false);
        foreach (var (language, (engine, understander)) in snapshot.Languages)
        {
            if (engine != chosen && understander.IsUrgent(text, rulesOnly: capped || language != written))
            {
                return language == written ? engine : chosen;
            }
        }

        return null;
    }

    /// <summary>The language to answer <paramref name="body"/> in.</summary>
    public string LanguageFor(Conversation? stored, string? body, DateTimeOffset now) => LanguageFor(_current, stored, TextReading.Of(body), now);

    private string LanguageFor(Snapshot snapshot, Conversation? stored, TextReading text, DateTimeOffset now)
    {
        var current = snapshot.For(stored?.Language).Script.Language;
        if (stored is { OptedOut: true })
        {
            return current;
        }

        if (text.SingleWord is { } word && snapshot.Engines.FirstOrDefault(engine => engine.Script.Words.Switch.Contains(word)) is { } chosen)
        {
            return chosen.Script.Language;
        }

        if (_detector is null || snapshot.Languages.Count == 1 || text.Words.Count == 0)
        {
            return current;
        }

        var starting = stored is null || snapshot.For(current).IsStarting(stored, now);
        var detected = _detector.Detect(text, midConversation: !starting);
        return detected is not null && snapshot.Languages.ContainsKey(detected) ? detected : current;
    }
}
