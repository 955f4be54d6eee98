using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.Core.Conversations;

/// <remarks>WORDS and WHY: the lines to say and the reasons behind the advice, from the state or its situation.</remarks>
public sealed partial class ConversationEngine
{
    private string Words(Conversation current, Flow.FlowState state)
    {
        if (state.Words is not null)
        {
            return Render(state.Words);
        }

        // In the welcome or the closing, WORDS means the situation the texter was last in.
        return current.Situation is { } situation
            ? Render(_script.State(_script.Situations[situation].Entry).Words!)
            : Message(MessageKeys.WordsNeedSituation, state.Hint);
    }

    /// <summary>
    /// The reasons behind the state's advice; a state with none (a step after the advice, the welcome or
    /// the closing) gives those of the situation the texter was last in.
    /// </summary>
    private string Why(Conversation current, Flow.FlowState state)
    {
        if (state.Why is not null)
        {
            return Render(state.Why);
        }

        return current.Situation is { } situation && _script.State(_script.Situations[situation].Entry).Why is { } why
            ? Render(why)
            : Message(MessageKeys.WhyNeedSituation, state.Hint);
    }
}
