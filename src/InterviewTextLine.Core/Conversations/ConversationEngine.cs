using System.Globalization;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Sms;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.Core.Handoffs;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core.Conversations;

/// <summary>
/// The conversation's state machine over the flow script: given the stored conversation, one text and the
/// time, it returns a <see cref="Decision"/> (what to store and what to reply). It never touches storage,
/// so one engine per language serves every request.
/// </summary>
/// <remarks>
/// Order of precedence: opted-out silence (but START, and FORGET, which erases without a reply); unusable input
/// (empty, picture only, too long, control characters); the exact global keywords; the reply cap, before any
/// model runs; then what the language's <see cref="ITextUnderstander"/> makes of the text (danger first, an email
/// address, the state's replies, a situation, a command, a question back when unsure); and finally the state's
/// question again. Last, the caps of <see cref="LimitsOptions"/> (ConversationEngine.Limits.cs) may turn a reply
/// into silence; danger is never silenced. Nothing the texter sends is ever echoed back, so every reply is a script
/// text and stays GSM-7 within its budget.
/// </remarks>
public sealed partial class ConversationEngine
{
    /// <summary>The longest body the line reads; Twilio's own limit for one message.</summary>
    public const int MaxBodyLength = TextReading.MaxLength;

    private readonly FlowScript _script;
    private readonly Dictionary<string, string> _values;
    private readonly TimeSpan _expiry;
    private readonly TimeSpan _followUpDelay;
    private readonly ITextUnderstander _understander;
    private readonly KeywordTable _keywords;

    private readonly IOptions<ProgramOptions> _program;
    private readonly IOptions<ConversationOptions> _conversation;
    private readonly IOptions<FollowUpOptions> _followUp;
    private readonly IOptions<LimitsOptions> _limitOptions;
    private readonly LimitsOptions _limits;
    private readonly IOptions<HandoffOptions>? _handoffOptions;
    private readonly HandoffDesk _handoffs;

    public ConversationEngine(
        FlowScript script,
        KeywordTable keywords,
        ITextUnderstander understander,
        IOptions<ProgramOptions> program,
        IOptions<ConversationOptions> conversation,
        IOptions<FollowUpOptions> followUp,
        IOptions<LimitsOptions> limits,
        IOptions<HandoffOptions>? handoff = null)
    {
        (_program, _conversation, _followUp, _limitOptions, _handoffOptions) = (program, conversation, followUp, limits, handoff);
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits.Value;
        ArgumentNullException.ThrowIfNull(understander);
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(keywords);
        ArgumentNullException.ThrowIfNull(followUp);
        _script = FlowValidator.EnsureValid(script);
        _expiry = TimeSpan.FromHours(conversation?.Value.ExpiryHours ?? throw new ArgumentNullException(nameof(conversation)));
        _followUpDelay = followUp.Value.Delay;
        _understander = understander;
        _keywords = keywords;
        _values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Placeholders.ProgramName] = (program ?? throw new ArgumentNullException(nameof(program))).Value.Name,
            [Placeholders.HelpContact] = program.Value.HelpContact,
            [Placeholders.ProgramUrl] = program.Value.Url,
            [Placeholders.EmergencyNumber] = program.Value.EmergencyNumber,
            [Placeholders.Delay] = script.Words.Delay(_followUpDelay),
        };
        _handoffs = new HandoffDesk(_script, keywords, handoff?.Value, Render);
    }

    public FlowScript Script => _script;

    public ITextUnderstander Understander => _understander;

    /// <summary>The global keywords of the scripts this engine's was validated with, in every language of the line.</summary>
    public KeywordTable Keywords => _keywords;

    /// <summary>The same engine reading texts with <paramref name="understander"/> (for scoring another model or policy).</summary>
    public ConversationEngine With(ITextUnderstander understander) => new(_script, _keywords, understander, _program, _conversation, _followUp, _limitOptions, _handoffOptions);

    /// <summary>The situation a state gives advice for, or null for the menu, the closing or a state the script no longer has.</summary>
    public string? SituationOf(string stateId) => _script.HasState(stateId) ? _script.State(stateId).Situation : null;

    /// <summary>The situation whose advice starts at <paramref name="stateId"/>, or null for any other state.</summary>
    public string? SituationStartingAt(string stateId) =>
        _script.Situations.FirstOrDefault(situation => situation.Value.Entry == stateId).Key;

    /// <summary>Decides what to do with one inbound text.</summary>
    /// <param name="stored">The stored conversation, or null for a new texter.</param>
    /// <param name="body">The message text, possibly empty.</param>
    /// <param name="mediaCount">How many pictures or files came with it.</param>
    /// <param name="now">The current time.</param>
    public Decision Decide(Conversation? stored, string? body, int mediaCount, DateTimeOffset now) =>
        Decide(stored, body, TextReading.Of(body), mediaCount, now);

    /// <summary>As <see cref="Decide(Conversation?, string?, int, DateTimeOffset)"/>, with the text already read at the door.</summary>
    /// <param name="stored">The stored conversation, or null for a texter with none.</param>
    /// <param name="body">The message text, possibly empty.</param>
    /// <param name="text">The text as read at the door.</param>
    /// <param name="mediaCount">How many pictures or files came with it.</param>
    /// <param name="now">The current time.</param>
    /// <param name="carried">With no stored conversation: the reply cap's tally FORGET left behind, if any.</param>
    public Decision Decide(Conversation? stored, string? body, TextReading text, int mediaCount, DateTimeOffset now, ReplyTally? carried = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decision = CapReplies(DecideUncapped(stored, carried, body, text, mediaCount, now), now);
        return decision with { IfAddressTaken = CapInstead(decision.IfAddressTaken, now), IfHandoffTaken = CapInstead(decision.IfHandoffTaken, now) };
    }

    /// <summary>
    /// The decision for a text about danger, whatever state the texter is in: the safety advice, past the reply cap
    /// too. For a text another language's reading found urgent, and for a number past its reply cap (see
    /// <see cref="LineLanguages"/>). An opted-out texter gets nothing.
    /// </summary>
    public Decision DecideUrgent(Conversation? stored, DateTimeOffset now, ReplyTally? carried = null)
    {
        var current = Resume(stored, carried, now, out _);
        var urgent = _script.Urgent ?? throw new InvalidOperationException("The script has no urgent situation.");
        var decision = current.OptedOut
            ? new Decision(DecisionKind.Ignore, null, null)
            : Save(Enter(current, _script.Situations[urgent].Entry, now), now);
        return CapReplies(decision with { Meaning = new Meaning(MeaningKind.Situation, urgent) }, now);
    }

    /// <summary>An opted-out texter is answered only when they opt back in or ask to be forgotten.</summary>
    private Decision DecideOptedOut(Conversation current, TextReading text, DateTimeOffset now) =>
        _keywords.Classify(text.SingleWord, optedOut: true) switch
        {
            Keyword.OptIn => Save(Enter(current with { OptedOut = false }, _script.Start, now), now) with { Meaning = Meaning.Of(Keyword.OptIn) },
            Keyword.Forget => ForgetOptedOut(current, now) with { Meaning = Meaning.Of(Keyword.Forget) },
            _ => new Decision(DecisionKind.Ignore, null, null),
        };

    private Decision DecideUncapped(Conversation? stored, ReplyTally? carried, string? body, TextReading text, int mediaCount, DateTimeOffset now)
    {
        var current = Resume(stored, carried, now, out var fresh);
        if (current.OptedOut)
        {
            return DecideOptedOut(current, text, now);
        }

        var state = _script.State(current.StateId);
        if (Unusable(body, mediaCount) is { } problem)
        {
            // Nothing about the conversation changes, but the reply is recorded (a receipt, the reply cap), so a
            // number sending nothing usable is answered no more often than one that texts.
            return new Decision(DecisionKind.Save, stored ?? current, Message(problem, state.Hint));
        }

        var keyword = _keywords.Classify(text.SingleWord, optedOut: false) is var word and not Keyword.None ? word
            : IsSwitch(text.SingleWord) ? Keyword.Language
            : _keywords.Plea(text.Words);
        if (Command(keyword, current, state, now, nothingStored: stored is null) is { } command)
        {
            return command with { Meaning = Meaning.Of(keyword) };
        }

        // An open consent question is answered before the state's own replies: YES then means "share my number".
        if (_handoffs.Answer(current, text, now) is { } answer)
        {
            return Hand(answer, current, now) with { Meaning = new Meaning(MeaningKind.Option, answer.Step == HandoffStep.Consented ? "YES" : "NO") };
        }

        if (IsCapped(current, now))
        {
            // Past the reply cap only the keywords above and danger are answered (LineLanguages hears danger by the
            // sure phrases first): the model is not run for a text nobody will read a reply to.
            return Capped(null, LimitKind.Replies);
        }

        var meaning = _understander.Understand(text, state, current.AskedBack);
        var decision = meaning.Kind switch
        {
            MeaningKind.Situation => Advise(current, _script.Situations[meaning.Value!].Entry, meaning.Second, now),
            MeaningKind.Option => Advise(current, _script.RepliesInReach(state).First(option => option.Reply == meaning.Value).Goto, meaning.Second, now),
            MeaningKind.Command => Command(meaning.Command, current, state, now, nothingStored: stored is null),
            MeaningKind.Email => RequestEmail(current, meaning.Value!, now),
            MeaningKind.Clarify => AskedBack(Save(current, now, Clarify(meaning))),
            _ => null,
        };

        // A first text that says nothing the line understands ("hi") gets the welcome, which explains
        // what the line is, and so does one from a texter who has only had HELP or a hint so far; later
        // ones get the state's question again, kindly ("ok", a feeling, a text the line could not place).
        decision ??= fresh || current.Path.Count == 0
            ? Save(Enter(current, _script.Start, now), now)
            : Save(current, now, Message(MessageKeys.Again, state.Hint));
        return decision with { Meaning = meaning };
    }

    /// <summary>
    /// The stored conversation as the next text finds it: new (counting in the reply cap's window that a FORGET
    /// left, <paramref name="carried"/>), restarted after a long silence or a script that no longer has its state,
    /// or as it was; in this engine's language either way.
    /// </summary>
    private Conversation Resume(Conversation? stored, ReplyTally? carried, DateTimeOffset now, out bool fresh)
    {
        fresh = stored is null || IsExpired(stored, now);
        return (stored is null
            ? Carry(Conversation.Start(_script.Start, now), carried)
            : fresh
                // After a long silence the texter starts again at the welcome, but an opt-out, an email
                // address and a pending follow-up are not theirs to lose by waiting. The situations they
                // went through stay while a summary of them is still to be sent.
                ? stored.FollowUp is { IsScheduled: true }
                    ? stored with { StateId = _script.Start, Situation = null, StartedAt = now, AddressesGiven = 0, AskedBack = false }
                    : stored with { StateId = _script.Start, Situation = null, StartedAt = now, Path = [], Situations = [], AddressesGiven = 0, AskedBack = false }
                : stored) with { Language = _script.Language };
    }

    /// <summary>
    /// Enters <paramref name="stateId"/>; when the text named another problem too (<paramref name="also"/>), the reply
    /// names it after the advice, with its menu number.
    /// </summary>
    private Decision Advise(Conversation current, string stateId, string? also, DateTimeOffset now)
    {
        var next = Enter(current, stateId, now);
        if (also is null || !_script.Situations.TryGetValue(also, out var other) || other.Number is null)
        {
            return Save(next, now);
        }

        var values = new Dictionary<string, string>(_values, StringComparer.Ordinal)
        {
            [Placeholders.Second] = other.Gist,
            [Placeholders.SecondNumber] = other.Number.Value.ToString(CultureInfo.InvariantCulture),
        };
        var mention = SmsNormalizer.WithoutAccentsGsm7Lacks(Placeholders.Fill(_script.Message(MessageKeys.Also), values));
        return Save(next, now, Render(_script.State(stateId).Text) + "\n" + mention);
    }

    /// <summary>
    /// True when the conversation starts over with the next text: it went quiet too long, or the script no
    /// longer has its state (renamed or removed in a new script).
    /// </summary>
    public bool IsExpired(Conversation stored, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return now - stored.LastMessageAt > _expiry || !_script.HasState(stored.StateId);
    }

    /// <summary>True when the next text is where a conversation begins: it has expired, or it is at the welcome.</summary>
    public bool IsStarting(Conversation stored, DateTimeOffset now) => IsExpired(stored, now) || stored.StateId == _script.Start;

    /// <summary>The question back when a text could mean either of two situations.</summary>
    private string Clarify(Meaning meaning)
    {
        var first = _script.Situations[meaning.Value!];
        var second = _script.Situations[meaning.Second!];
        var values = new Dictionary<string, string>(_values, StringComparer.Ordinal)
        {
            [Placeholders.First] = first.Gist,
            [Placeholders.FirstNumber] = first.Number!.Value.ToString(CultureInfo.InvariantCulture),
            [Placeholders.Second] = second.Gist,
            [Placeholders.SecondNumber] = second.Number!.Value.ToString(CultureInfo.InvariantCulture),
        };
        return SmsNormalizer.WithoutAccentsGsm7Lacks(Placeholders.Fill(_script.Message(MessageKeys.Clarify), values));
    }
}
