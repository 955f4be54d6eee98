using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;

namespace InterviewTextLine.Core.Handoffs;

/// <summary>What asking for a person did in one text: the <c>outcome</c> tag of <c>textline.handoffs</c>.</summary>
public enum HandoffStep
{
    /// <summary>TALK got the consent question.</summary>
    Asked,

    /// <summary>YES: the request went to the outbox.</summary>
    Consented,

    /// <summary>NO: the number stays with the line.</summary>
    Declined,

    /// <summary>The number already had its handoff today.</summary>
    Refused,

    /// <summary>The feature is off: TALK got the program's contact details.</summary>
    ContactOnly,
}

/// <summary>A consented request the line must queue: everything the office's email holds but the number.</summary>
/// <param name="Language">The code of the texter's language.</param>
/// <param name="Situations">The situation ids of the conversation, in the order the texter went through them.</param>
/// <param name="RequestedAt">When the texter said YES.</param>
public sealed record HandoffRequest(string Language, IReadOnlyList<string> Situations, DateTimeOffset RequestedAt);

/// <summary>What TALK or the answer to the consent question does: the conversation after it and the reply.</summary>
/// <param name="Next">The conversation to save, with its <see cref="Handoff"/>.</param>
/// <param name="Reply">The SMS text.</param>
/// <param name="Step">What happened, for the metric.</param>
public sealed record HandoffTurn(Conversation Next, string Reply, HandoffStep Step)
{
    /// <summary>For YES: the request to queue.</summary>
    public HandoffRequest? Request { get; init; }

    /// <summary>For YES: the reply instead when the number already had its handoff today (found in storage).</summary>
    public string? Refusal { get; init; }
}

/// <summary>
/// The warm handoff's part of the conversation, for one language: TALK (and its synonyms) asks for consent in one
/// segment, naming the program and when to expect contact; the next text's YES makes the request and NO keeps the
/// number; any other text leaves the question behind. A number gets one handoff a day. Pure, like the engine: the
/// request is queued, and the day's claim made, by <see cref="HandoffRecorder"/>.
/// </summary>
public sealed class HandoffDesk
{
    /// <summary>A number gets one handoff in this long, whatever it sends.</summary>
    public static TimeSpan OnePerNumber { get; } = TimeSpan.FromDays(1);

    /// <summary>How long the consent question stays open: a YES much later answers something else.</summary>
    public static TimeSpan ConsentWindow { get; } = TimeSpan.FromMinutes(30);

    private readonly FlowScript _script;
    private readonly KeywordTable _keywords;
    private readonly OfficeHours? _hours;
    private readonly Func<string, string?, string> _render;

    /// <param name="script">The script of this desk's language.</param>
    /// <param name="keywords">The line's keywords, whose consent answers are heard in every language.</param>
    /// <param name="options">The handoff settings; null or without an inbox: the feature is off.</param>
    /// <param name="render">Fills the configured placeholders into a text, with a state's hint (the engine's Render).</param>
    public HandoffDesk(FlowScript script, KeywordTable keywords, HandoffOptions? options, Func<string, string?, string> render)
    {
        _script = script ?? throw new ArgumentNullException(nameof(script));
        _keywords = keywords ?? throw new ArgumentNullException(nameof(keywords));
        _render = render ?? throw new ArgumentNullException(nameof(render));
        _hours = options is { IsEnabled: true } ? options.OfficeHours() : null;
    }

    /// <summary>True when requests go to an inbox.</summary>
    public bool IsEnabled => _hours is not null;

    /// <summary>TALK, in <paramref name="state"/>: the consent question, the day's refusal, or (feature off) the contact details.</summary>
    public HandoffTurn Talk(Conversation current, FlowState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(state);
        if (_hours is null)
        {
            return new HandoffTurn(current, Message(MessageKeys.TalkContact, state.Hint), HandoffStep.ContactOnly);
        }

        return current.Handoff is { } handoff && handoff.CountsToday(now)
            ? new HandoffTurn(current, Message(MessageKeys.TalkAlready), HandoffStep.Refused)
            : new HandoffTurn(current with { Handoff = Handoff.Ask(now) }, When(MessageKeys.TalkConsent, now), HandoffStep.Asked);
    }

    /// <summary>The answer to an open consent question, or null when the text is not one (or no question is open).</summary>
    public HandoffTurn? Answer(Conversation current, TextReading text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(text);
        if (_hours is null || current.Handoff is not { Status: HandoffStatus.Asked, At: var asked } || now - asked > ConsentWindow
            || _keywords.Consent(text.Words) is not { } consent)
        {
            return null;
        }

        if (!consent)
        {
            return new HandoffTurn(current with { Handoff = null }, Message(MessageKeys.TalkDeclined), HandoffStep.Declined);
        }

        return new HandoffTurn(current with { Handoff = new Handoff(HandoffStatus.Requested, now) }, When(MessageKeys.TalkRequested, now), HandoffStep.Consented)
        {
            Request = new HandoffRequest(_script.Language, [.. current.Situations], now),
            Refusal = Message(MessageKeys.TalkAlready),
        };
    }

    private string When(string key, DateTimeOffset now) =>
        _render(Placeholders.Fill(_script.Message(key), new Dictionary<string, string>(StringComparer.Ordinal) { [Placeholders.When] = _hours!.Describe(now, _script.Words.Time) }), null);

    private string Message(string key, string? hint = null) => _render(_script.Message(key), hint);
}
