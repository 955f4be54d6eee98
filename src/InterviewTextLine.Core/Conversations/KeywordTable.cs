using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.Core.Conversations;

/// <summary>
/// The global keywords of a line, in every language it speaks: the carriers' (<see cref="CarrierKeywords"/>) and each
/// script's own (<see cref="ScriptWords.Keywords"/>, its plea and TALK words). One table serves every language, so a
/// Spanish speaker's PARAR stops the line in an English conversation as surely as STOP does in a Spanish one. Built
/// once from a set of scripts (<see cref="FlowScripts.Keywords"/>) and replaced with them. Words are matched exactly,
/// accents aside ("MENÚ" is MENU); a script's forgiving words also match one typo away.
/// </summary>
public sealed class KeywordTable
{
    private const string Carriers = "the carriers";

    /// <summary>The keywords a typo may be taken for: a wrong guess costs one extra text, never data.</summary>
    public static IReadOnlySet<Keyword> Forgivable { get; } = new HashSet<Keyword> { Keyword.Help, Keyword.Menu, Keyword.Words, Keyword.Why, Keyword.Done };

    private readonly Dictionary<string, (Keyword Keyword, string Source)> _words = new(StringComparer.Ordinal);
    private readonly List<(string Word, Keyword Keyword)> _forgiving = [];
    private readonly HashSet<string> _pleaHelp = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pleaWith = new(StringComparer.Ordinal);
    private readonly HashSet<string> _talkPhrases = new(StringComparer.Ordinal);
    private readonly HashSet<string> _courtesy = new(StringComparer.Ordinal);
    private readonly HashSet<string> _greetings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (bool Yes, string Source)> _consent = new(StringComparer.Ordinal);
    private readonly List<string> _conflicts = [];

    private KeywordTable(IEnumerable<FlowScript> scripts)
    {
        foreach (var word in CarrierKeywords.OptOut)
        {
            Add(word, Keyword.OptOut, Carriers);
        }

        foreach (var word in CarrierKeywords.OptIn)
        {
            Add(word, Keyword.OptIn, Carriers);
        }

        foreach (var script in scripts)
        {
            AddScript(script);
        }
    }

    /// <summary>The table of <paramref name="scripts"/>' languages, the first script's words first.</summary>
    public static KeywordTable Of(IEnumerable<FlowScript> scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        return new KeywordTable(scripts);
    }

    /// <summary>
    /// Words that two languages (or a language and the carriers) give different meanings: the first given is kept.
    /// The lint refuses scripts with any (<see cref="FlowValidator"/>), so a running line's table has none.
    /// </summary>
    public IReadOnlyList<string> Conflicts => _conflicts;

    /// <summary>The commands, as scripts name them (<c>STOP</c>, <c>START</c>, <c>HELP</c>...).</summary>
    public static IReadOnlyList<string> CommandNames { get; } =
        [.. Enum.GetValues<Keyword>().Where(keyword => keyword is not (Keyword.None or Keyword.Language)).Select(NameOf)];

    /// <summary>The command <paramref name="name"/> stands for (<c>HELP</c>, <c>STOP</c>, or a <see cref="Keyword"/>'s name), or null.</summary>
    public static Keyword? Command(string? name) => name switch
    {
        null => null,
        "STOP" => Keyword.OptOut,
        "START" => Keyword.OptIn,
        _ when name.All(char.IsAsciiLetter) && Enum.TryParse<Keyword>(name, ignoreCase: true, out var keyword)
            && keyword is not (Keyword.None or Keyword.Language) => keyword,
        _ => null,
    };

    /// <summary>The name scripts give <paramref name="keyword"/>: STOP and START for opting out and in, otherwise its own.</summary>
    public static string NameOf(Keyword keyword) => keyword switch
    {
        Keyword.OptOut => "STOP",
        Keyword.OptIn => "START",
        _ => keyword.ToString().ToUpperInvariant(),
    };

    /// <summary>
    /// The keyword a single upper-case word stands for, given whether the texter has opted out. Typos are
    /// considered only when <paramref name="forgiveTypos"/> is set, which the engine does after the current
    /// state had its chance: "none" answers "did they offer something?" before it is taken for DONE.
    /// </summary>
    public Keyword Classify(string? word, bool optedOut, bool forgiveTypos = false)
    {
        if (word is null)
        {
            return Keyword.None;
        }

        if (_words.TryGetValue(word, out var found))
        {
            return found.Keyword;
        }

        if (optedOut && word == CarrierKeywords.OptInWhileOptedOut)
        {
            return Keyword.OptIn;
        }

        return forgiveTypos && _forgiving.FirstOrDefault(pair => TextMatcher.IsCloseTo(word, pair.Word)) is { Word: not null } close
            ? close.Keyword
            : Keyword.None;
    }

    /// <summary>
    /// True when a whole text is a plea for help: a help word and nothing but the small words around one ("help me",
    /// "pls help", "i need help now", "ayúdame por favor"). The line takes it for HELP, whose reply leads with the
    /// safety line and the way to advice (MENU), rather than leave the first words a panicking texter types to a
    /// model's guess. A text that says what the help is for ("help me with the pay") is not one.
    /// </summary>
    public bool IsPleaForHelp(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return words.Count is > 0 and <= 6
            && words.Any(_pleaHelp.Contains)
            && words.All(word => _pleaHelp.Contains(word) || _pleaWith.Contains(word));
    }

    /// <summary>
    /// True when a whole text only greets, in any of the line's languages ("hi", "hey u there", "hellooo", "buenas
    /// tardes"): it is about nothing yet, and no model need read it to say so.
    /// </summary>
    public bool IsGreeting(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return words.Count is > 0 and <= 4 && words.All(word => _greetings.Contains(Unrepeated(word)));
    }

    /// <summary>A word with each run of one letter cut to one, so "hiii" reads as "hi" and "hellooo" as "hello" does.</summary>
    private static string Unrepeated(string word)
    {
        var letters = new System.Text.StringBuilder(word.Length);
        foreach (var letter in word.Where((letter, index) => index == 0 || letter != word[index - 1]))
        {
            letters.Append(letter);
        }

        return letters.ToString();
    }

    /// <summary>
    /// The keyword a whole text of several words stands for: HELP for a plea for help (<see cref="IsPleaForHelp"/>),
    /// TALK for a request for a person (<see cref="IsTalkRequest"/>), or none.
    /// </summary>
    public Keyword Plea(IReadOnlyList<string> words) =>
        IsPleaForHelp(words) ? Keyword.Help : IsTalkRequest(words) ? Keyword.Talk : Keyword.None;

    /// <summary>True when a whole text asks for a person ("TALK", "can someone call me", "hablar con alguien").</summary>
    public bool IsTalkRequest(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var meant = Meant(words);
        return meant.Count switch
        {
            0 => false,
            1 => Classify(meant[0].ToUpperInvariant(), optedOut: false) == Keyword.Talk,
            _ => _talkPhrases.Contains(string.Join(' ', meant)),
        };
    }

    /// <summary>
    /// The answer a whole text gives to the consent question: true for YES ("yes", "yes please", "sí"), false for NO
    /// ("no", "no thanks"), null for anything else, which leaves the number unshared. "ok" or "thanks" alone is not
    /// consent to share a number.
    /// </summary>
    public bool? Consent(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return _consent.TryGetValue(string.Join(' ', Meant(words)), out var answer) ? answer.Yes : null;
    }

    /// <summary>
    /// True when a whole text is an opt-out word as the engine reads it: "STOP", "stop." and "Stop!" alike. For
    /// whatever answers texts without the engine (the fallback URL), so every URL of the line agrees on silence.
    /// </summary>
    public bool IsOptOut(string? text) => Classify(TextMatcher.SingleWord(text), optedOut: false) == Keyword.OptOut;

    /// <summary>True when a normalized (lower-case) phrase would be taken as a global keyword in any state.</summary>
    public bool IsGlobal(string normalizedPhrase)
    {
        ArgumentNullException.ThrowIfNull(normalizedPhrase);
        var upper = normalizedPhrase.ToUpperInvariant();
        return !upper.Contains(' ', StringComparison.Ordinal) && Classify(upper, optedOut: false) != Keyword.None;
    }

    /// <summary>The words without the courtesy around them.</summary>
    private List<string> Meant(IReadOnlyList<string> words) => [.. words.Where(word => !_courtesy.Contains(word))];

    private void AddScript(FlowScript script)
    {
        var words = script.Words;
        var source = $"'{script.Language}'";
        foreach (var (name, list) in words.Keywords)
        {
            if (Command(name) is { } keyword)
            {
                foreach (var word in list)
                {
                    Add(word, keyword, source);
                }
            }
        }

        foreach (var word in words.Forgiving.Where(word => !_forgiving.Any(pair => pair.Word == word)))
        {
            if (_words.TryGetValue(word, out var found) && Forgivable.Contains(found.Keyword))
            {
                _forgiving.Add((word, found.Keyword));
            }
        }

        _pleaHelp.UnionWith(words.Plea.Help);
        _pleaWith.UnionWith(words.Plea.With);
        _talkPhrases.UnionWith(words.Talk.Phrases);
        _courtesy.UnionWith(words.Talk.Courtesy);
        _greetings.UnionWith(words.Greetings.Select(Unrepeated));
        AddConsent(words.Talk.Yes, yes: true, source);
        AddConsent(words.Talk.No, yes: false, source);
    }

    private void Add(string word, Keyword keyword, string source)
    {
        if (word == CarrierKeywords.OptInWhileOptedOut)
        {
            _conflicts.Add($"The keyword '{word}' ({NameOf(keyword)} for {source}) is how a texter opts back in for {Carriers}.");
        }
        else if (!_words.TryAdd(word, (keyword, source)) && _words[word] is var (known, from) && known != keyword)
        {
            _conflicts.Add($"The keyword '{word}' is {NameOf(known)} for {from} and {NameOf(keyword)} for {source}: a word means one command in every language.");
        }
    }

    private void AddConsent(IEnumerable<string> answers, bool yes, string source)
    {
        foreach (var answer in answers)
        {
            if (!_consent.TryAdd(answer, (yes, source)) && _consent[answer] is var (known, from) && known != yes)
            {
                _conflicts.Add($"The answer '{answer}' to the consent question is {(known ? "yes" : "no")} for {from} and {(yes ? "yes" : "no")} for {source}.");
            }
        }
    }
}
