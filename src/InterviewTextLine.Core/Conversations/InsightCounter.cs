using InterviewTextLine.Core.Diagnostics;
using InterviewTextLine.Core.Understanding;

namespace InterviewTextLine.Core.Conversations;

/// <summary>
/// Counts what one stored decision teaches about the line (<see cref="InsightMetrics"/>): the funnel step it took,
/// how its text was understood, whether it answered a question back, and a misroute. Only script ids, languages and
/// fixed words become tags; the text itself is never looked at.
/// </summary>
public sealed class InsightCounter(LineLanguages languages, InsightMetrics metrics)
{
    /// <summary>Counts <paramref name="decision"/>, taken on <paramref name="before"/> (null for a new texter) at <paramref name="now"/>.</summary>
    public void Count(Conversation? before, Decision decision, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Kind is DecisionKind.Ignore or DecisionKind.Capped)
        {
            return;
        }

        var language = decision.Next?.Language ?? before?.Language ?? languages.Default.Script.Language;
        CountUnderstanding(before, decision.Meaning, language);
        if (decision.Misrouted is { } situation)
        {
            metrics.Misroute(situation, language);
        }

        if (decision.Kind == DecisionKind.Save && decision.Next is { } next)
        {
            CountStep(before, next, decision.Meaning, now);
        }
    }

    private void CountUnderstanding(Conversation? before, Meaning? meaning, string language)
    {
        if (meaning is null)
        {
            return;
        }

        metrics.UnderstandingSource(language, meaning.Kind switch
        {
            MeaningKind.Clarify => UnderstandingSource.QuestionBack,
            MeaningKind.Nothing => UnderstandingSource.NotUnderstood,
            _ => meaning.ByModel ? UnderstandingSource.Model : UnderstandingSource.Rule,
        });
        if (before is { AskedBack: true })
        {
            metrics.QuestionBackAnswered(language, meaning.IsUnderstood);
        }
    }

    /// <summary>
    /// A conversation that expired (a long silence, or a state a new script no longer has) went quiet where it was;
    /// the text that found it starts a new visit, so its step is counted from nowhere.
    /// </summary>
    private void CountStep(Conversation? before, Conversation next, Meaning? meaning, DateTimeOffset now)
    {
        var from = before?.StateId;
        if (before is { OptedOut: false } && languages.For(before.Language).IsExpired(before, now))
        {
            metrics.Quiet(before.StateId);
            from = null;
        }

        if (next.StateId == from)
        {
            return;
        }

        metrics.Entered(next.StateId);
        if (from is not null)
        {
            metrics.Left(from, next.StateId, meaning?.Kind switch
            {
                MeaningKind.Option => "reply",
                MeaningKind.Situation => "situation",
                MeaningKind.Command => "command",
                _ => "other",
            });
        }
    }
}
