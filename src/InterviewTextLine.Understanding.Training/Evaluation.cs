using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;

namespace InterviewTextLine.Understanding.Training;

/// <summary>
/// Scores the line on labelled texts, text by text, through the engine exactly as a texter would meet it: a
/// first text as a new texter, an in-flow reply in the state it names.
/// </summary>
public static class Evaluation
{
    /// <summary>How far into a reply the safety advice must come: the first SMS segment.</summary>
    public const int FirstScreen = FlowValidator.FirstScreen;

    /// <summary>Runs every text of <paramref name="corpus"/>.</summary>
    /// <param name="engine">The engine, with the understander to be scored.</param>
    /// <param name="corpus">The labelled texts.</param>
    /// <param name="emergencyNumber">The number the safety advice must name in its first screen.</param>
    /// <param name="now">The time of every text.</param>
    public static EvaluationReport Run(ConversationEngine engine, IEnumerable<LabelledText> corpus, string emergencyNumber, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(corpus);
        var script = engine.Script;
        var leave = FlowValidator.LeavePattern(script);
        var results = new List<EvaluatedText>();
        foreach (var text in corpus)
        {
            Conversation? stored = null;
            if (!text.IsFirstText)
            {
                stored = Conversation.Start(text.State, now.AddMinutes(-2)) with
                {
                    Situation = script.HasState(text.State) ? script.State(text.State).Situation : null,
                    LastMessageAt = now.AddMinutes(-1),
                    Path = [text.State],
                };
            }

            var decision = engine.Decide(stored, text.Text, 0, now);
            var meaning = decision.Meaning ?? Meaning.Nothing;
            var reply = decision.Reply ?? "";
            var screen = reply[..Math.Min(reply.Length, FirstScreen)];
            var advised = decision.Next is { } next && next.StateId != stored?.StateId && script.HasState(next.StateId)
                && script.Situations.FirstOrDefault(pair => pair.Value.Entry == next.StateId).Key is { } entered
                ? entered
                : null;
            results.Add(new EvaluatedText(text, meaning.Label, advised, meaning)
            {
                SafetyFirst = leave.IsMatch(screen) && screen.Contains(emergencyNumber, StringComparison.Ordinal),
                SaysLeave = advised is not null && leave.IsMatch(screen),
            });
        }

        return new EvaluationReport(results, script);
    }
}

/// <summary>One scored text.</summary>
/// <param name="Text">The labelled text.</param>
/// <param name="Actual">The label of what the line understood (<c>clarify</c> for a question back, <c>none</c> for the menu or the question again).</param>
/// <param name="Advised">The situation whose advice the reply began, if any.</param>
/// <param name="Meaning">The whole meaning, with its source and confidence.</param>
public sealed record EvaluatedText(LabelledText Text, string Actual, string? Advised, Meaning Meaning)
{
    /// <summary>True when the reply's first screen says to leave and names the emergency number.</summary>
    public bool SafetyFirst { get; init; }

    /// <summary>True when the reply is advice whose first screen says to leave.</summary>
    public bool SaysLeave { get; init; }

    public bool IsRight => Actual == Text.Expect;

    /// <summary>True when the reply began advice for a situation the text is not about: the worst outcome.</summary>
    public bool IsWrongAdvice => !IsRight && Advised is not null && Advised != Text.Expect;
}
