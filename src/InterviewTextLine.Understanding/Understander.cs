using System.Globalization;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.Understanding.Classification;
using InterviewTextLine.Understanding.Rules;

namespace InterviewTextLine.Understanding;

/// <summary>
/// Works out what a text means in the state the texter is in, in one language: exact rules first, then a
/// trained classifier's probabilities read by a small decision policy.
/// </summary>
/// <remarks>
/// <para>
/// The rules are the cases with one right answer: a sure danger phrase ("he pulled a knife"), an email
/// address, the state's reply said as the whole text, a menu number, a one-word command, a situation's
/// keyword, a greeting. Everything else is the classifier's: it was trained on thousands of labelled texts, gives a
/// probability for every meaning, and the labels the state cannot mean are set aside.
/// </para>
/// <para>
/// The policy (<see cref="DecisionPolicy"/>) then acts when the model is sure, asks one question when two
/// situations are close and neither outranks the other, gives the weightier advice and names the other
/// problem when a text holds two, and otherwise shows the menu or the state's question again. Danger has
/// a threshold of its own, chosen so that no danger text in the training split goes without the safety
/// advice. A situation that is not a problem (nerves) ranks below every problem, so a nervous texter with
/// a real problem gets the problem's advice.
/// </para>
/// </remarks>
public sealed partial class Understander : ITextUnderstander
{
    private readonly FlowScript _script;
    private readonly KeywordTable _keywords;
    private readonly SituationRules _rules;
    private readonly TextClauses _clauses;
    private readonly TextMender _mender;
    private readonly IMeaningClassifier _classifier;
    private readonly Dictionary<string, int> _tier;
    private readonly Dictionary<string, HashSet<string>> _candidates;

    /// <param name="script">The validated flow script of this language.</param>
    /// <param name="keywords">The global keywords of the line's scripts, heard in every language.</param>
    /// <param name="classifier">The trained classifier of this language.</param>
    /// <param name="policy">The thresholds chosen with that classifier.</param>
    /// <param name="mender">Mends typos before the rules and the model read the text.</param>
    public Understander(FlowScript script, KeywordTable keywords, IMeaningClassifier classifier, DecisionPolicy policy, TextMender mender)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(keywords);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(mender);
        _script = script;
        _keywords = keywords;
        _classifier = classifier;
        Policy = policy;
        _mender = mender;
        _rules = new SituationRules(script);
        _clauses = new TextClauses(script.Connectives);
        _candidates = Candidates(script);
        var listed = script.Precedence.Count;
        _tier = script.Situations.Keys.ToDictionary(
            situation => situation,
            situation => script.Precedence.ToList().IndexOf(situation) is var index and >= 0 ? index : script.Situations[situation].Reassurance ? listed + 1 : listed,
            StringComparer.Ordinal);
    }

    public string Language => _script.Language;

    public DecisionPolicy Policy { get; }

    /// <summary>The classifier this understander reads with.</summary>
    internal IMeaningClassifier Classifier => _classifier;

    /// <summary>The same understander with other thresholds (for choosing them).</summary>
    public Understander With(DecisionPolicy policy) => new(_script, _keywords, _classifier, policy, _mender);

    /// <summary>The same understander reading with another classifier and its policy (for scoring a candidate model).</summary>
    public Understander With(IMeaningClassifier classifier, DecisionPolicy policy) => new(_script, _keywords, classifier, policy, _mender);

    public Meaning Understand(TextReading text, FlowState state, bool justAskedBack)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(state);
        var words = text.Words;
        var mended = Mended(text);

        // A sure danger phrase wins over everything. Inside the safety advice itself it may be the texter answering
        // it ("made it to my car and locked the doors" for OUT): there a reply the model is sure of comes first, and
        // otherwise the safety advice is given again.
        var urgent = _script.Urgent;
        if (urgent is not null && _rules.IsUrgent(mended))
        {
            return state.Situation == urgent && SureReply(text, state) is { } reply ? reply : new Meaning(MeaningKind.Situation, urgent);
        }

        if (TextRules.EmailRequest(text.Body, words, _keywords) is { } email)
        {
            return email;
        }

        if ((TextRules.ExactOption(state, words) ?? TextRules.ExactOption(state, mended)) is { } option)
        {
            return new Meaning(MeaningKind.Option, option);
        }

        if (_rules.ByNumber(words) is { } numbered)
        {
            return new Meaning(MeaningKind.Situation, numbered);
        }

        if (_keywords.Classify(text.SingleWord, optedOut: false, forgiveTypos: true) is var keyword and not Keyword.None)
        {
            return Meaning.Of(keyword);
        }

        if ((_rules.ByKeyword(words) ?? _rules.ByKeyword(mended)) is { } named)
        {
            return new Meaning(MeaningKind.Situation, named);
        }

        // A text that only greets ("hi", "hola") is the commonest first text and is about nothing yet: no model run.
        if (_keywords.IsGreeting(words))
        {
            return Meaning.Nothing;
        }

        return Decide(state, Probabilities(text, state), justAskedBack, () => ClauseProbabilities(text, state));
    }

    public bool IsUrgent(TextReading text, bool rulesOnly)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_script.Urgent is not { } urgent)
        {
            return false;
        }

        if (_rules.IsUrgent(Mended(text)))
        {
            return true;
        }

        return !rulesOnly && text.Words.Count > 0
            && Probabilities(text, _script.State(_script.Start)).Among(label => IsCandidate(_script.State(_script.Start), label)).FirstOrDefault(pair => pair.Label == urgent).Probability >= Policy.Safety;
    }

    /// <summary>
    /// Why a text means what it does, for a maintainer working on the corpus: the text as the model read it,
    /// the sure phrase it holds, and the model's likeliest meanings in this state.
    /// </summary>
    public string Explain(TextReading text, FlowState state)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(state);
        var mended = Mended(text);
        var top = Probabilities(text, state).Among(label => IsCandidate(state, label)).Take(4)
            .Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Label} {pair.Probability:0.00}"));
        return $"\"{text.Folded}\" sure phrase: [{_rules.UrgentPhrase(mended)}] model: [{string.Join(", ", top)}]";
    }

    private IReadOnlyList<string> Mended(TextReading text) => _mender.Words(text);

    /// <summary>One of the state's replies, when the model is sure the text is it; null otherwise.</summary>
    private Meaning? SureReply(TextReading text, FlowState state)
    {
        var ranked = Probabilities(text, state).Among(label => IsCandidate(state, label));
        return ranked.Count > 0 && ranked[0].Probability >= Policy.Reply && state.Options.Any(option => option.Reply == ranked[0].Label)
            ? new Meaning(MeaningKind.Option, ranked[0].Label, null, MeaningSource.Model, ranked[0].Probability)
            : null;
    }

    /// <summary>
    /// The classifier's reading of the text in a state, once per text and state. The model reads the folded text as
    /// sent, not the mended words: its letter n-grams forgive typos, and mending a word it does not know ("rant")
    /// into one it does ("cant") would change the meaning.
    /// </summary>
    private IReadOnlyList<LabelProbabilities> ClauseProbabilities(TextReading text, FlowState state) =>
        text.Remember("clauses:" + Language + ":" + state.Id, () => (IReadOnlyList<LabelProbabilities>)[.. _clauses.Of(text.Folded).Select(clause => _classifier.ClassifyClause(clause, text.Folded, state.Id))]);

    private LabelProbabilities Probabilities(TextReading text, FlowState state) =>
        text.Remember("probabilities:" + Language + ":" + state.Id, () => _classifier.Classify(text.Folded, state.Id));
}
