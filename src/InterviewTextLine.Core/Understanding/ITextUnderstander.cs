using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.Core.Understanding;

/// <summary>
/// Works out what a text means in the state the texter is in, in one language. The conversation engine
/// asks; the understanding project answers with rules, a trained classifier and a decision policy.
/// </summary>
public interface ITextUnderstander
{
    /// <summary>The language this understander reads (the language of its script).</summary>
    string Language { get; }

    /// <summary>What <paramref name="text"/> means in <paramref name="state"/>.</summary>
    /// <param name="text">The text, read once at the door.</param>
    /// <param name="state">The state the texter is in (the start state for a first text).</param>
    /// <param name="justAskedBack">True when the line's last reply was a question back: it must not ask another.</param>
    Meaning Understand(TextReading text, FlowState state, bool justAskedBack);

    /// <summary>
    /// True when the text is about danger as this language reads it. With <paramref name="rulesOnly"/>, only
    /// the sure danger phrases count (no model runs): how a number past its reply cap is still heard.
    /// </summary>
    bool IsUrgent(TextReading text, bool rulesOnly);
}

/// <summary>The understanding of every language the line speaks: what the hosts register.</summary>
public interface ITextUnderstanding
{
    /// <summary>The understander for <paramref name="script"/>'s language, hearing the keywords of its whole set (<paramref name="keywords"/>).</summary>
    ITextUnderstander Understander(FlowScript script, Conversations.KeywordTable keywords);

    /// <summary>Tells which of the line's languages a text is written in.</summary>
    ILanguageDetector Detector { get; }
}

/// <summary>Tells which of the line's languages a text is written in.</summary>
public interface ILanguageDetector
{
    /// <summary>
    /// The language <paramref name="text"/> is clearly written in, or null when it is not clear (a short text
    /// both languages use, such as "ok" or "no", or a text of a language the line does not speak).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="midConversation">True for a texter already in a conversation: a switch then takes more words.</param>
    string? Detect(TextReading text, bool midConversation);
}
