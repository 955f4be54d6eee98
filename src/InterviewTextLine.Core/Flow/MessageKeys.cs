namespace InterviewTextLine.Core.Flow;

/// <summary>The keys of <see cref="FlowScript.Messages"/> the engine uses.</summary>
public static class MessageKeys
{
    public const string Help = "help";
    public const string Unknown = "unknown";
    public const string WordsNeedSituation = "wordsNeedSituation";
    public const string WhyNeedSituation = "whyNeedSituation";
    public const string EmailSaved = "emailSaved";
    public const string EmailMissing = "emailMissing";
    public const string EmailInvalid = "emailInvalid";
    public const string EmailCancelled = "emailCancelled";
    public const string NoEmailPending = "noEmailPending";
    public const string Forgotten = "forgotten";
    public const string Empty = "empty";
    public const string MediaOnly = "mediaOnly";
    public const string TooLong = "tooLong";
    public const string Clarify = "clarify";
    public const string EmailLimit = "emailLimit";

    /// <summary>The state's question again, kindly, for "ok", "yes" where it answers nothing, or a feeling.</summary>
    public const string Again = "again";

    /// <summary>After the advice for the weightier of two problems in one text: the other one, and how to get to it.</summary>
    public const string Also = "also";

    /// <summary>The closing for a texter whose summary is already on its way: it does not offer EMAIL again.</summary>
    public const string ClosingEmailSaved = "closingEmailSaved";

    /// <summary>TALK: the consent question, in one segment, naming the program and when to expect contact ({When}).</summary>
    public const string TalkConsent = "talkConsent";

    /// <summary>YES to the consent question: the request is on its way, and when to expect contact ({When}).</summary>
    public const string TalkRequested = "talkRequested";

    /// <summary>NO to the consent question: the number is not shared.</summary>
    public const string TalkDeclined = "talkDeclined";

    /// <summary>TALK from a number that already had its handoff today.</summary>
    public const string TalkAlready = "talkAlready";

    /// <summary>TALK with the handoff off: the program's contact details, and the state's hint.</summary>
    public const string TalkContact = "talkContact";
    /// <summary>The apology for WRONG, sent before the welcome menu (FlowValidator.Misroute.cs checks it).</summary>
    public const string Misrouted = "misrouted";

    /// <summary>
    /// The fallback URL's one reply, in the default language's script: the safety line, then the apology
    /// (FlowValidator.Fallback.cs checks it).
    /// </summary>
    public const string Fallback = "fallback";

    public static IReadOnlyList<string> All { get; } =
        [Help, Unknown, WordsNeedSituation, WhyNeedSituation, EmailSaved, EmailMissing, EmailInvalid, EmailCancelled, NoEmailPending, Forgotten, Empty, MediaOnly, TooLong, Clarify, EmailLimit, Again, Also, ClosingEmailSaved, TalkConsent, TalkRequested, TalkDeclined, TalkAlready, TalkContact];
}
