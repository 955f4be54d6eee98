namespace InterviewTextLine.Core.Conversations;

/// <summary>The global keywords, checked before the current state.</summary>
public enum Keyword
{
    None,
    OptOut,
    OptIn,
    Help,
    Menu,
    Email,
    NoEmail,
    Forget,
    Words,
    Why,
    Done,
    Language,

    /// <summary>TALK: a person from the program contacts the texter, with their consent.</summary>
    Talk,
    /// <summary>WRONG or ERROR: the advice just given did not fit (a misroute); apologise and show the menu.</summary>
    Wrong,
}

/// <summary>
/// Which single words are global keywords, in every language the line speaks: a Spanish speaker's
/// PARAR stops the line as surely as STOP, and STOP works in Spanish. The opt-out and opt-in words are
/// the carriers' and Twilio's (plus the Spanish ones operators add to Twilio's Advanced Opt-Out),
/// matched exactly; the line's own commands forgive a typo. Accents never matter ("MENÚ" is MENU).
/// </summary>
public static class Keywords
{
    public static IReadOnlySet<string> OptOut { get; } = new HashSet<string>(StringComparer.Ordinal)
        { "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "PARAR", "DETENER", "CANCELAR", "BAJA", "ALTO" };

    /// <summary>START and UNSTOP always opt in; YES only while opted out (elsewhere it answers a question).</summary>
    public static IReadOnlySet<string> OptIn { get; } = new HashSet<string>(StringComparer.Ordinal) { "START", "UNSTOP", "COMENZAR", "INICIO" };

    public const string OptInWhileOptedOut = "YES";

    private static readonly Dictionary<string, Keyword> Exact = new(StringComparer.Ordinal)
    {
        ["HELP"] = Keyword.Help,
        ["INFO"] = Keyword.Help,
        ["MENU"] = Keyword.Menu,
        ["RESTART"] = Keyword.Menu,
        ["RESET"] = Keyword.Menu,
        ["EMAIL"] = Keyword.Email,
        ["NOEMAIL"] = Keyword.NoEmail,
        ["FORGET"] = Keyword.Forget,
        ["DELETE"] = Keyword.Forget,
        ["WORDS"] = Keyword.Words,
        ["WHY"] = Keyword.Why,
        ["DONE"] = Keyword.Done,
        ["AYUDA"] = Keyword.Help,
        ["PALABRAS"] = Keyword.Words,
        ["PORQUE"] = Keyword.Why,
        ["CORREO"] = Keyword.Email,
        ["NOCORREO"] = Keyword.NoEmail,
        ["BORRAR"] = Keyword.Forget,
        ["FIN"] = Keyword.Done,

        // ERROR is the Spanish word and reads the same in English; MAL cannot be one: "sigue mal" answers a state.
        ["WRONG"] = Keyword.Wrong,
        ["ERROR"] = Keyword.Wrong,
    };

    /// <summary>Commands that are safe to guess from a typo: a wrong guess costs one extra text, never data.</summary>
    private static readonly Dictionary<string, Keyword> Forgiving = new(StringComparer.Ordinal)
    {
        ["HELP"] = Keyword.Help,
        ["MENU"] = Keyword.Menu,
        ["WORDS"] = Keyword.Words,
        ["DONE"] = Keyword.Done,
        ["AYUDA"] = Keyword.Help,
        ["PALABRAS"] = Keyword.Words,
    };

    /// <summary>
    /// The keyword a single upper-case word stands for, given whether the texter has opted out. Typos are
    /// considered only when <paramref name="forgiveTypos"/> is set, which the engine does after the current
    /// state had its chance: "none" answers "did they offer something?" before it is taken for DONE.
    /// </summary>
    public static Keyword Classify(string? word, bool optedOut, bool forgiveTypos = false)
    {
        if (word is null)
        {
            return Keyword.None;
        }

        if (OptOut.Contains(word))
        {
            return Keyword.OptOut;
        }

        if (OptIn.Contains(word) || (optedOut && word == OptInWhileOptedOut))
        {
            return Keyword.OptIn;
        }

        if (Exact.TryGetValue(word, out var keyword))
        {
            return keyword;
        }

        if (TalkWords.Words.Contains(word))
        {
            return Keyword.Talk;
        }

        if (!forgiveTypos)
        {
            return Keyword.None;
        }

        foreach (var (name, forgiven) in Forgiving)
        {
            if (TextMatcher.IsCloseTo(word, name))
            {
                return forgiven;
            }
        }

        return Keyword.None;
    }

    /// <summary>The words of a plea for help, folded ("ayúdame" is <c>ayudame</c>).</summary>
    private static readonly HashSet<string> HelpWords = new(StringComparer.Ordinal)
        { "help", "helpp", "halp", "ayuda", "ayudame", "ayudeme", "ayudenme", "ayudar", "auxilio", "socorro" };

    /// <summary>The small words a plea for help comes with, in either language.</summary>
    private static readonly HashSet<string> PleaWords = new(StringComparer.Ordinal)
    {
        "me", "pls", "plz", "please", "plis", "pliz", "i", "need", "needed", "someone", "somebody", "now", "asap", "us",
        "por", "favor", "porfa", "porfavor", "necesito", "yo", "ya", "ahora", "alguien",
    };

    /// <summary>
    /// True when a whole text is a plea for help: a help word and nothing but the small words around one ("help me",
    /// "pls help", "i need help now", "ayúdame por favor"). The line takes it for HELP, whose reply leads with the
    /// safety line and the way to advice (MENU), rather than leave the first words a panicking texter types to a
    /// model's guess. A text that says what the help is for ("help me with the pay") is not one.
    /// </summary>
    public static bool IsPleaForHelp(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return words.Count is > 0 and <= 6
            && words.Any(HelpWords.Contains)
            && words.All(word => HelpWords.Contains(word) || PleaWords.Contains(word));
    }

    /// <summary>
    /// The keyword a whole text of several words stands for: HELP for a plea for help (<see cref="IsPleaForHelp"/>),
    /// TALK for a request for a person (<see cref="TalkWords.IsRequest"/>), or none.
    /// </summary>
    public static Keyword Plea(IReadOnlyList<string> words) =>
        IsPleaForHelp(words) ? Keyword.Help : TalkWords.IsRequest(words) ? Keyword.Talk : Keyword.None;

    /// <summary>
    /// True when a whole text is an opt-out word as the engine reads it: "STOP", "stop." and "Stop!" alike. For
    /// whatever answers texts without the engine (the fallback URL), so every URL of the line agrees on silence.
    /// </summary>
    public static bool IsOptOut(string? text) => Classify(TextMatcher.SingleWord(text), optedOut: false) == Keyword.OptOut;

    /// <summary>True when a normalized (lower-case) phrase would be taken as a global keyword in any state.</summary>
    public static bool IsGlobal(string normalizedPhrase)
    {
        ArgumentNullException.ThrowIfNull(normalizedPhrase);
        var upper = normalizedPhrase.ToUpperInvariant();
        return !upper.Contains(' ', StringComparison.Ordinal) && Classify(upper, optedOut: false) != Keyword.None;
    }
}
