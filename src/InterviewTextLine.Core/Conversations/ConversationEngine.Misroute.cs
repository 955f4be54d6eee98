using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.Core.Conversations;

/// <remarks>
/// WRONG (or ERROR): the texter says the line misread them. Right after a situation's advice (the texter is still
/// in the state where that advice starts) the decision names the situation, so the line counts a misroute against
/// it; anywhere else WRONG only brings the menu back. Either way the reply apologises and shows the welcome menu,
/// so the texter can pick what fits.
/// </remarks>
public sealed partial class ConversationEngine
{
    private Decision Misroute(Conversation current, DateTimeOffset now)
    {
        var situation = SituationStartingAt(current.StateId);
        var next = Enter(current, _script.Start, now);
        return Save(next, now, Message(MessageKeys.Misrouted) + "\n" + StateText(next)) with { Misrouted = situation };
    }
}
