using InterviewTextLine.Core.Conversations;

namespace InterviewTextLine.Core.Understanding;

/// <summary>
/// Scores the line on a labelled corpus, text by text, through the engine exactly as a texter would
/// meet it: a first text as a new texter, an in-flow reply in the state it names.
/// </summary>
public static class Evaluation
{
    /// <summary>How far into a reply the safety advice must come: the first SMS segment.</summary>
    public const int FirstScreen = 160;

    /// <summary>Runs every text of <paramref name="corpus"/>.</summary>
    /// <param name="engine">The engine, with the understander to be scored.</param>
    /// <param name="corpus">The labelled texts.</param>
    /// <param name="emergencyNumber">The number the safety advice must name in its first screen.</param>
    /// <param name="leaveOneOut">Ignore each text's own example while scoring it (for the training split).</param>
    /// <param name="now">The time of every text.</param>
    public static EvaluationReport Run(ConversationEngine engine, IEnumerable<LabelledText> corpus, string emergencyNumber, bool leaveOneOut, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(corpus);
        var script = engine.Script;
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
                };
            }

            var decision = engine.Decide(stored, text.Text, 0, now, leaveOneOut ? text.Text : null);
            var actual = decision.Meaning?.Label ?? LabelledText.Nothing;
            var safetyFirst = decision.Reply is { } reply
                && reply[..Math.Min(reply.Length, FirstScreen)] is var screen
                && System.Text.RegularExpressions.Regex.IsMatch(screen, $@"\b{Flow.FlowValidator.LeaveWord(script.Language)}\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
                && screen.Contains(emergencyNumber, StringComparison.Ordinal);
            results.Add(new EvaluatedText(text, actual, decision.Next?.StateId, safetyFirst));
        }

        return new EvaluationReport(results, [.. script.Situations.Keys]);
    }
}

/// <summary>One scored text.</summary>
/// <param name="Text">The labelled text.</param>
/// <param name="Actual">The label of what the line understood.</param>
/// <param name="StateAfter">The state the texter is in after the reply.</param>
/// <param name="SafetyFirst">True when the reply's first screen says to leave and names the emergency number.</param>
public sealed record EvaluatedText(LabelledText Text, string Actual, string? StateAfter, bool SafetyFirst)
{
    public bool IsRight => Actual == Text.Expect;
}

/// <summary>The scores of a corpus run.</summary>
public sealed class EvaluationReport(IReadOnlyList<EvaluatedText> results, IReadOnlyList<string> situations)
{
    public IReadOnlyList<EvaluatedText> Results { get; } = results;

    public IEnumerable<EvaluatedText> FirstTexts => Results.Where(r => r.Text.IsFirstText && situations.Contains(r.Text.Expect));

    public IEnumerable<EvaluatedText> InFlow => Results.Where(r => !r.Text.IsFirstText);

    /// <summary>First texts about a situation that reached it.</summary>
    public double FirstTextAccuracy => Rate(FirstTexts, r => r.IsRight);

    /// <summary>
    /// Texts that got another situation's advice: the worst outcome. A question back or the menu is only
    /// slow, not wrong. A greeting taken for a situation counts as wrong too.
    /// </summary>
    public double WrongSituationRate => Rate(Results.Where(r => r.Text.IsFirstText), IsWrongSituation);

    /// <summary>In-flow replies understood as labelled.</summary>
    public double InFlowAccuracy => Rate(InFlow, r => r.IsRight);

    public IEnumerable<EvaluatedText> Safety => Results.Where(r => r.Text.Expect == "safety");

    /// <summary>Safety texts whose reply says to leave and names the emergency number in its first screen.</summary>
    public int SafetyFirstCount => Safety.Count(r => r.SafetyFirst);

    public IEnumerable<EvaluatedText> Misses => Results.Where(r => !r.IsRight);

    public bool IsWrongSituation(EvaluatedText result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return !result.IsRight && situations.Contains(result.Actual);
    }

    /// <summary>Accuracy of the texts labelled <paramref name="label"/> (first texts only, or in one state).</summary>
    public double Accuracy(string label, string? state = null) =>
        Rate(Results.Where(r => r.Text.Expect == label && (state is null ? r.Text.IsFirstText : r.Text.State == state)), r => r.IsRight);

    /// <summary>How many texts labelled each expected label were understood as each actual label.</summary>
    public IReadOnlyDictionary<(string Expected, string Actual), int> Confusion(Func<EvaluatedText, bool> which) =>
        Results.Where(which).GroupBy(r => (r.Text.Expect, r.Actual)).ToDictionary(g => g.Key, g => g.Count());

    private static double Rate(IEnumerable<EvaluatedText> results, Func<EvaluatedText, bool> predicate)
    {
        var list = results.ToList();
        return list.Count == 0 ? 1 : (double)list.Count(predicate) / list.Count;
    }
}

/// <summary>What the line must reach on texts it was not tuned on.</summary>
public static class EvaluationTargets
{
    /// <summary>First texts about a situation routed to it.</summary>
    public const double FirstTextAccuracy = 0.90;

    /// <summary>At most this share of first texts may get another situation's advice.</summary>
    public const double WrongSituationRate = 0.03;

    /// <summary>In-flow replies understood (14 of 15).</summary>
    public const double InFlowAccuracy = 0.93;

    /// <summary>
    /// First texts routed right in Spanish: the Spanish line's own target. The sentence model learned
    /// English, so Spanish leans on spelling and its smaller corpus.
    /// </summary>
    public const double SpanishFirstTextAccuracy = 0.85;

    /// <summary>The wrong-situation rate the Spanish evaluation split must stay within (its goal is the English 3%).</summary>
    public const double SpanishWrongSituationRate = 0.05;

    /// <summary>The routing target of <paramref name="language"/>.</summary>
    public static double FirstTextAccuracyOf(string language) => language == "es" ? SpanishFirstTextAccuracy : FirstTextAccuracy;

    /// <summary>The wrong-situation limit of <paramref name="language"/>.</summary>
    public static double WrongSituationRateOf(string language) => language == "es" ? SpanishWrongSituationRate : WrongSituationRate;
}

/// <summary>
/// Chooses the understanding thresholds on the training split, each text scored without its own
/// example: one threshold at a time over a grid, twice round, keeping whatever scores best. The
/// score rewards texts routed right and replies understood, and punishes another situation's advice
/// beyond 2% and any safety text without the safety advice far more than it rewards accuracy.
/// </summary>
public static class Tuning
{
    public static (UnderstandingSettings Settings, double Score) Run(ConversationEngine engine, IReadOnlyList<LabelledText> corpus, string emergencyNumber, DateTimeOffset now, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var understander = engine.Understander;
        var best = understander.Settings;
        var bestScore = Score(Evaluation.Run(engine.With(understander.With(best)), corpus, emergencyNumber, leaveOneOut: true, now));
        (string Name, double[] Values, Func<UnderstandingSettings, double, UnderstandingSettings> Set)[] grid =
        [
            ("Accept", [0.50, 0.54, 0.58, 0.62, 0.66, 0.70], (s, v) => s with { Accept = v }),
            ("ClearLead", [0.03, 0.05, 0.07, 0.09, 0.12, 1.0], (s, v) => s with { ClearLead = v }),
            ("ClarifyFloor", [0.37, 0.41, 0.45, 0.49], (s, v) => s with { ClarifyFloor = v }),
            ("CueWeight", [0.0, 0.03, 0.06, 0.09, 0.12], (s, v) => s with { CueWeight = v }),
            ("Near", [0.0, 0.02, 0.03, 0.05, 0.08], (s, v) => s with { Near = v }),
            ("CueReach", [0.04, 0.08, 0.12, 0.2, 1.0], (s, v) => s with { CueReach = v }),
            ("Neighbours", [1, 2, 3, 4], (s, v) => s with { Neighbours = (int)v }),
            ("Meaning", [0.2, 0.35, 0.5, 0.75, 1.0], (s, v) => s with { Meaning = v }),
            ("Spelling", [0.0, 0.2, 0.35, 0.5, 0.75, 1.0], (s, v) => s with { Spelling = v }),
            ("Margin", [0.0, 0.02, 0.04, 0.06], (s, v) => s with { Margin = v }),
            ("ReplyAccept", [0.35, 0.40, 0.45, 0.50, 0.55], (s, v) => s with { ReplyAccept = v }),
            ("ReplyPrior", [0.0, 0.03, 0.05, 0.08, 0.12], (s, v) => s with { ReplyPrior = v }),
            ("SwitchCost", [0.0, 0.03, 0.05, 0.08, 0.12], (s, v) => s with { SwitchCost = v }),
            ("UrgentNear", [-0.06, -0.04, -0.02, 0.0, 0.02, 0.04, 0.06], (s, v) => s with { UrgentNear = v }),
        ];
        for (var round = 1; round <= 2; round++)
        {
            foreach (var (name, values, set) in grid)
            {
                foreach (var value in values)
                {
                    var candidate = set(best, value);
                    var score = Score(Evaluation.Run(engine.With(understander.With(candidate)), corpus, emergencyNumber, leaveOneOut: true, now));
                    if (score > bestScore + 1e-9)
                    {
                        (best, bestScore) = (candidate, score);
                        progress?.Invoke($"round {round}: {name} = {value} scores {score:0.0000}");
                    }
                }
            }
        }

        return (best, bestScore);
    }

    public static double Score(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var safetyMissed = report.Safety.Count() - report.SafetyFirstCount;
        return report.FirstTextAccuracy + (0.5 * report.InFlowAccuracy)
            - (4 * Math.Max(0, report.WrongSituationRate - 0.02))
            - (0.05 * safetyMissed);
    }
}
