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
/// The opt-out and opt-in words of the carriers and Twilio (its default opt-out keywords). They belong to no language:
/// Twilio acts on them whatever language the line speaks (after STOP it blocks the number and still forwards the
/// text), so the line agrees with them in every language and every script version, even one published without them.
/// A language's own words (PARAR, COMENZAR) are its script's (<see cref="Flow.ScriptWords.Keywords"/>).
/// </summary>
public static class CarrierKeywords
{
    public static IReadOnlyList<string> OptOut { get; } = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"];

    /// <summary>START and UNSTOP always opt in; <see cref="OptInWhileOptedOut"/> only while opted out (elsewhere it answers a question).</summary>
    public static IReadOnlyList<string> OptIn { get; } = ["START", "UNSTOP"];

    public const string OptInWhileOptedOut = "YES";
}
