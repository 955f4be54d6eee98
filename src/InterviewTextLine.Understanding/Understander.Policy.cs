using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.Understanding.Classification;

namespace InterviewTextLine.Understanding;

/// <remarks>The decision policy: what the line does with the classifier's probabilities in a state.</remarks>
public sealed partial class Understander
{
    /// <summary>What the probabilities mean in <paramref name="state"/>, by the <see cref="Policy"/>.</summary>
    internal Meaning Decide(FlowState state, LabelProbabilities probabilities, bool justAskedBack, Func<IEnumerable<LabelProbabilities>>? clauses = null)
    {
        var ranked = probabilities.Among(label => IsCandidate(state, label));
        if (ranked.Count == 0)
        {
            return Meaning.Nothing;
        }

        // Danger has its own, lower threshold: leaving when it was not needed costs less than staying. Inside the
        // safety advice the texter is answering it ("made it to my car"), so there the likeliest reading decides.
        var urgent = _script.Urgent;
        if (urgent is not null && state.Situation != urgent
            && ranked.FirstOrDefault(pair => pair.Label == urgent) is { Label: not null } danger && danger.Probability >= Policy.Safety)
        {
            return Model(MeaningKind.Situation, urgent, danger.Probability);
        }

        var (top, p) = ranked[0];
        if (!IsSituation(top))
        {
            return top != Labels.Nothing && p >= Policy.Reply
                ? KeywordTable.Command(top) is { } command && Commands.All.Contains(top)
                    ? Meaning.Of(command) with { Source = MeaningSource.Model, Confidence = p }
                    : Model(MeaningKind.Option, top, p)
                : Meaning.Nothing with { Source = MeaningSource.Model, Confidence = p };
        }

        var situations = ranked.Where(pair => IsSituation(pair.Label)).ToList();
        var second = situations.Count > 1 ? situations[1] : default;
        var both = second.Label is not null && second.Probability >= Policy.Present && p + second.Probability >= Policy.Act;
        if (p >= Policy.Act || both)
        {
            // Two close situations of the same weight are one question, unless the line has just asked one:
            // then the likelier gets its advice rather than a second question in a row.
            return p < Policy.Act && Tier(top) == Tier(second.Label!) && !justAskedBack && Numbered(top) && Numbered(second.Label!)
                ? new Meaning(MeaningKind.Clarify, top, second.Label, MeaningSource.Model, p)
                : Advise(state, situations, clauses);
        }

        // A text about two problems splits the whole text's probability between them, so the model is sure of neither
        // ("hes yelling that im wasting his time. he also asked whether i plan to have kids"). When the likeliest reading
        // is a problem and a clause is sure of one on its own, the weightiest such clause gets the advice and another is
        // named after it; a nervous or neutral text, read whole, never gets here.
        if (IsProblem(top) && clauses is not null && ClauseFindings(state, clauses, except: null) is [var lead, ..] findings)
        {
            var other = findings.FirstOrDefault(pair => pair.Label != lead.Label).Label;
            return Situation(state, lead.Label, other, lead.Probability);
        }

        return Meaning.Nothing with { Source = MeaningSource.Model, Confidence = p };
    }

    /// <summary>
    /// The advice for a text the model is sure enough of: the weightiest situation present leads, and another problem
    /// the text holds is named after it ("About pay, commute or terms too? Reply 1 after.").
    /// </summary>
    private Meaning Advise(FlowState state, List<(string Label, double Probability)> situations, Func<IEnumerable<LabelProbabilities>>? clauses)
    {
        var present = situations.Where(pair => pair.Probability >= Policy.Present).OrderBy(pair => Tier(pair.Label)).ThenByDescending(pair => pair.Probability).ToList();
        var advice = present.Count > 0 ? present[0] : situations[0];
        // Nerves beside a real problem are not a second problem, and danger names nothing else: getting out is all then.
        var also = advice.Label == _script.Urgent ? default : present.FirstOrDefault(pair => pair.Label != advice.Label && IsProblem(pair.Label));
        if (IsProblem(advice.Label) && clauses is not null && ClauseFinding(state, clauses, advice.Label) is { Label: not null } found)
        {
            // A clause the model is sure of on its own ("..., encima la paga es una miseria") can hold a problem the
            // whole text drowns: a weightier one leads, and either way the other is named.
            if (Tier(found.Label) < Tier(advice.Label) && _script.Precedence.Contains(found.Label))
            {
                also = advice;
                advice = found;
            }
            else if (also.Label is null)
            {
                also = found;
            }
        }

        return Situation(state, advice.Label, also.Label, advice.Probability);
    }

    /// <summary>
    /// A situation the model found; where one of the state's replies leads to it ("1" for the deal-breaker
    /// after "still a problem"), that reply is what the text means.
    /// </summary>
    private Meaning Situation(FlowState state, string situation, string? also, double probability)
    {
        var entry = _script.Situations[situation].Entry;
        return _script.RepliesInReach(state).FirstOrDefault(option => option.Goto == entry) is { } option
            ? new Meaning(MeaningKind.Option, option.Reply, also, MeaningSource.Model, probability)
            : new Meaning(MeaningKind.Situation, situation, also, MeaningSource.Model, probability);
    }

    /// <summary>The weightiest problem a clause of the text is about, other than <paramref name="advice"/>, when the model is sure of it in that clause alone.</summary>
    private (string Label, double Probability) ClauseFinding(FlowState state, Func<IEnumerable<LabelProbabilities>> clauses, string advice) =>
        ClauseFindings(state, clauses, advice).FirstOrDefault();

    /// <summary>
    /// The problems, weightiest first, that a clause of the text is about when the model is sure of it in that clause
    /// alone (other than <paramref name="except"/>). A clause never raises danger: out of its sentence, "he said come
    /// with me" is not the text it came from.
    /// </summary>
    private List<(string Label, double Probability)> ClauseFindings(FlowState state, Func<IEnumerable<LabelProbabilities>> clauses, string? except) =>
        [.. clauses()
            .Select(clause => clause.Among(label => IsCandidate(state, label)))
            .Where(ranked => ranked.Count > 0 && ranked[0].Label != except && ranked[0].Label != _script.Urgent && IsSituation(ranked[0].Label) && IsProblem(ranked[0].Label) && ranked[0].Probability >= Policy.Act)
            .Select(ranked => ranked[0])
            .OrderBy(pair => Tier(pair.Label))
            .ThenByDescending(pair => pair.Probability)];

    private bool IsProblem(string situation) => Numbered(situation) && !_script.Situations[situation].Reassurance;

    private static Meaning Model(MeaningKind kind, string value, double probability) => new(kind, value, null, MeaningSource.Model, probability);

    /// <summary>
    /// What a text in <paramref name="state"/> can mean: nothing, a command, the replies in reach, and any situation
    /// but the one the texter is already in (danger excepted: it can always come back).
    /// </summary>
    internal bool IsCandidate(FlowState state, string label) => _candidates[state.Id].Contains(label);

    private static Dictionary<string, HashSet<string>> Candidates(FlowScript script) =>
        script.States.ToDictionary(
            state => state.Id,
            state => new HashSet<string>(
                script.Situations.Keys.Where(situation => situation != state.Situation || situation == script.Urgent)
                    .Concat(Commands.All)
                    .Concat(script.RepliesInReach(state).Select(option => option.Reply))
                    .Append(Labels.Nothing),
                StringComparer.Ordinal),
            StringComparer.Ordinal);

    private bool IsSituation(string label) => _script.Situations.ContainsKey(label);

    private bool Numbered(string situation) => _script.Situations[situation].Number is not null;

    private int Tier(string situation) => _tier.TryGetValue(situation, out var tier) ? tier : _tier.Count;
}
