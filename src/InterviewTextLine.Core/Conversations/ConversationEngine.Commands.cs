using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Handoffs;
using InterviewTextLine.Core.Sms;

namespace InterviewTextLine.Core.Conversations;

/// <remarks>
/// Commands and what a decision carries: the global keywords, entering a state, and the saved conversation with its
/// reply rendered from the script (placeholders filled, in GSM-7).
/// </remarks>
public sealed partial class ConversationEngine
{
    /// <summary>Renders a state's text with the configured values, in GSM-7, as the engine would send it.</summary>
    public string Render(string text, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (hint is null)
        {
            return SmsNormalizer.WithoutAccentsGsm7Lacks(Placeholders.Fill(text, _values));
        }

        var values = new Dictionary<string, string>(_values, StringComparer.Ordinal) { [Placeholders.Hint] = Placeholders.Fill(hint, _values) };
        return SmsNormalizer.WithoutAccentsGsm7Lacks(Placeholders.Fill(text, values));
    }

    /// <summary>What a global keyword does, or null for no keyword (the state has its turn next).</summary>
    private Decision? Command(Keyword keyword, Conversation current, Flow.FlowState state, DateTimeOffset now, bool nothingStored)
    {
        switch (keyword)
        {
            case Keyword.OptOut:
                // The carrier (or Twilio) confirms an opt-out itself, and anything sent now would fail.
                return Save(current with { OptedOut = true, FollowUp = Cancel(current.FollowUp), Email = null, Handoff = Handoff.Cancel(current.Handoff) }, now, reply: null);
            case Keyword.OptIn:
            case Keyword.Menu:
                return Save(Enter(current, _script.Start, now), now);
            case Keyword.Help:
                return Save(current, now, Message(MessageKeys.Help));
            case Keyword.NoEmail:
                return Save(
                    current with { Email = null, FollowUp = Cancel(current.FollowUp) },
                    now,
                    Message(current.FollowUp is { Status: FollowUpStatus.Scheduled } ? MessageKeys.EmailCancelled : MessageKeys.NoEmailPending));
            case Keyword.Forget:
                return Forget(current, nothingStored, now);
            case Keyword.Email:
                return Save(current, now, Message(MessageKeys.EmailMissing));
            case Keyword.Words:
                return Save(current, now, Words(current, state));
            case Keyword.Why:
                return Save(current, now, Why(current, state));
            case Keyword.Done:
                return Save(Enter(current, _script.Done, now), now);
            case Keyword.Talk:
                return Hand(_handoffs.Talk(current, state, now), current, now);
            case Keyword.Language:
                // ESPAÑOL or ENGLISH: the same place in the conversation, said again in this language.
                return Save(current, now);
            case Keyword.Wrong:
                return Misroute(current, now);
            default:
                return null;
        }
    }

    private Conversation Enter(Conversation current, string stateId, DateTimeOffset now)
    {
        var target = _script.State(stateId);
        return current with
        {
            StateId = stateId,
            Situation = target.Situation ?? current.Situation,
            Path = current.Path.Count > 0 && current.Path[^1] == stateId ? current.Path : Trim(current.Path.Add(stateId)),
            Situations = target.Situation is { } situation ? current.WithVisited(situation) : current.Situations,
            LastMessageAt = now,
        };
    }

    /// <summary>The path feeds the email summary; a texter bouncing around for hours must not grow it without bound.</summary>
    private static System.Collections.Immutable.ImmutableList<string> Trim(System.Collections.Immutable.ImmutableList<string> path) =>
        path.Count > 32 ? path.RemoveRange(0, path.Count - 32) : path;

    private Decision Save(Conversation next, DateTimeOffset now) => Save(next, now, StateText(next));

    /// <summary>
    /// The text of the state <paramref name="next"/> is in. The closing offers a summary by EMAIL, so a texter whose
    /// summary is already on its way gets the closing that says so instead.
    /// </summary>
    private string StateText(Conversation next) =>
        next.StateId == _script.Done && next.FollowUp is { IsScheduled: true } && next.Email is not null
            ? Message(MessageKeys.ClosingEmailSaved)
            : Render(_script.State(next.StateId).Text);

    private Decision Save(Conversation next, DateTimeOffset now, string? reply)
    {
        // Every text from the texter pushes a scheduled summary back, so it arrives after they're done.
        var followUp = next.FollowUp is { IsScheduled: true } scheduled ? scheduled.PushBack(now + _followUpDelay) : next.FollowUp;
        return new Decision(DecisionKind.Save, next with { LastMessageAt = now, FollowUp = followUp, AskedBack = false, Handoff = Handoff.AfterText(next.Handoff) }, reply);
    }

    /// <summary>Marks a saved reply as a question back, so the next text is answered, not asked about again.</summary>
    private static Decision AskedBack(Decision decision) => decision with { Next = decision.Next! with { AskedBack = true } };

    private static FollowUp? Cancel(FollowUp? followUp) => followUp is { IsScheduled: true } ? followUp.Cancel() : followUp;

    private string Message(string key, string? hint = null) => Render(_script.Message(key), hint);

    /// <summary>True for a word that switches to this script's language (ESPANOL, ENGLISH): the line has already chosen this engine for it.</summary>
    private bool IsSwitch(string? word) => word is not null && _script.Words.Switch.Contains(word);
}
