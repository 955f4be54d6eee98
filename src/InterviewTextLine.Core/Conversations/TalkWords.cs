namespace InterviewTextLine.Core.Conversations;

/// <summary>
/// How a texter asks for a person, and how they answer the consent question, in every language the line speaks.
/// Rules, not the model: a request for a person, like a plea for help, must win before anything guesses, and
/// consent to share a number must be a clear YES, never a model's reading of "ok".
/// </summary>
public static class TalkWords
{
    /// <summary>Single words that ask for a person in any state.</summary>
    public static IReadOnlySet<string> Words { get; } = new HashSet<string>(StringComparer.Ordinal)
        { "TALK", "HABLAR", "COUNSELOR", "COUNSELLOR", "CONSEJERO", "CONSEJERA", "ORIENTADOR", "ORIENTADORA" };

    /// <summary>Whole texts (folded, without the courtesy words around them) that ask for a person.</summary>
    private static readonly HashSet<string> Phrases = new(StringComparer.Ordinal)
    {
        "talk to a person", "talk to someone", "talk to somebody", "talk to a human", "talk to a real person",
        "speak to a person", "speak to someone", "speak to a human", "speak with someone", "talk with someone",
        "i want to talk to someone", "i want to talk to a person", "i need to talk to someone", "i need to talk to a person",
        "can someone call me", "can somebody call me", "can a person call me", "can someone call me back",
        "could someone call me", "have someone call me", "someone call me", "i want someone to call me",
        "talk to a counselor", "talk to a counsellor", "a counselor", "a counsellor", "talk to my counselor",
        "hablar con alguien", "hablar con una persona", "quiero hablar con alguien", "quiero hablar con una persona",
        "necesito hablar con alguien", "necesito hablar con una persona", "alguien me puede llamar", "me pueden llamar",
        "que alguien me llame", "quiero que me llamen", "llamenme", "hablar con un consejero", "hablar con una consejera",
    };

    /// <summary>Courtesy words a request or an answer may come with.</summary>
    private static readonly HashSet<string> Courtesy = new(StringComparer.Ordinal)
        { "please", "pls", "plz", "thanks", "thank", "you", "ok", "okay", "hi", "hey", "por", "favor", "porfa", "porfavor", "gracias", "hola" };

    private static readonly HashSet<string> Yes = new(StringComparer.Ordinal) { "yes", "y", "yeah", "yep", "yup", "sure", "si", "claro", "dale", "vale" };

    private static readonly HashSet<string> No = new(StringComparer.Ordinal) { "no", "n", "nope", "nah" };

    /// <summary>True when a whole text asks for a person ("TALK", "can someone call me", "hablar con alguien").</summary>
    public static bool IsRequest(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var meant = Meant(words);
        return meant.Count switch
        {
            0 => false,
            1 => Words.Contains(meant[0].ToUpperInvariant()),
            _ => Phrases.Contains(string.Join(' ', meant)),
        };
    }

    /// <summary>
    /// The answer a whole text gives to the consent question: true for YES ("yes", "yes please", "sí"), false for NO
    /// ("no", "no thanks"), null for anything else, which leaves the number unshared.
    /// </summary>
    public static bool? Consent(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var meant = Meant(words);
        // "ok" or "thanks" alone is not consent to share a number: it matches nothing here.
        return meant switch
        {
            [var word] when Yes.Contains(word) => true,
            [var word] when No.Contains(word) => false,
            ["no", "way"] or ["not", "now"] => false,
            _ => null,
        };
    }

    /// <summary>The words without the courtesy around them.</summary>
    private static List<string> Meant(IReadOnlyList<string> words) => [.. words.Where(word => !Courtesy.Contains(word))];
}
