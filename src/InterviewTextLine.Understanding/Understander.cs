using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Sms;

namespace InterviewTextLine.Core.Understanding;

/// <summary>
/// Works out what a text means in the state the texter is in: rules where rules are right (danger,
/// an email address, a reply the state offers, a menu number, a command), then the sentence model
/// for everything a rule cannot foresee.
/// </summary>
/// <remarks>
/// <para>
/// Order: the urgent situation's cues (danger) win over everything, except its weak cues, which only
/// count as evidence; then an email address; then the state's replies said exactly; a menu number; a
/// one-word command with a typo; a situation keyword; a reply or command phrase inside a sentence ("i
/// left the building", "what do i say"); and last the cues and the model together.
/// </para>
/// <para>
/// Giving one situation's advice for another is the worst outcome, so the model must be clearly
/// sure. When it is not, the line asks one short question naming the two likeliest situations; when
/// it has no idea, it says so and shows what to send. Danger is never asked about: if the model
/// finds it near the top, the texter gets the safety advice.
/// </para>
/// </remarks>
public sealed partial class Understander
{
    private readonly FlowScript _script;
    private readonly SituationRules _rules;
    private readonly SpellingCorrector _speller;
    private readonly MeaningModel? _model;
    private readonly UnderstandingSettings _settings;
    private readonly List<(string Command, string[] Words)> _commandPhrases;
    private readonly Dictionary<string, int> _tier;

    /// <summary>The language the sentence model (all-MiniLM-L6-v2) was trained on.</summary>
    private const string ModelLanguage = "en";

    /// <param name="script">The validated flow script.</param>
    /// <param name="embedder">The sentence model, or null to understand by the rules alone.</param>
    /// <param name="examples">The labelled texts the model matches against (the corpus's training split).</param>
    /// <param name="settings">The thresholds; <see cref="UnderstandingSettings.Default"/> when null.</param>
    /// <param name="rememberScores">Keep every text's similarities (tuning only: scoring one corpus many times).</param>
    public Understander(FlowScript script, ISentenceEmbedder? embedder, IEnumerable<LabelledText> examples, UnderstandingSettings? settings = null, bool rememberScores = false)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(examples);
        _script = script;
        _settings = settings ?? UnderstandingSettings.For(script.Language);
        _rules = new SituationRules(script);
        var corpus = examples.ToList();
        // Without the model's vocabulary nothing tells a typo from a word the line has never seen
        // ("monkey" is one slip from "money"), so the rules alone mend nothing.
        // Only the model's (English) vocabulary tells a typo from a real word the line has never seen. In
        // another language "parado" would be "mended" into the line's "pagado"; there the spelling
        // similarity of the neighbours forgives typos instead.
        _speller = embedder is null || script.Language != ModelLanguage
            ? new SpellingCorrector([], [])
            : new SpellingCorrector(LineWords(script), embedder.Vocabulary, CommonWords(corpus));
        _model = embedder is null ? null : new MeaningModel(embedder, corpus.Select(example => (Clean(example.Text), example.Expect)), rememberScores);
        _commandPhrases = [.. script.CommandPhrases.SelectMany(pair => pair.Value.Select(phrase => (pair.Key, SituationRules.Split(phrase))))];
        _tier = script.Precedence.Select((situation, index) => (situation, index)).ToDictionary(pair => pair.situation, pair => pair.index, StringComparer.Ordinal);
    }

    private Understander(Understander other, UnderstandingSettings settings)
    {
        _script = other._script;
        _rules = other._rules;
        _speller = other._speller;
        _model = other._model;
        _commandPhrases = other._commandPhrases;
        _tier = other._tier;
        _settings = settings;
    }

    public UnderstandingSettings Settings => _settings;

    /// <summary>The same understander (same rules, model and examples) with other thresholds, for tuning.</summary>
    public Understander With(UnderstandingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new Understander(this, settings);
    }

    /// <summary>True when the sentence model is there; without it only the rules understand.</summary>
    public bool HasModel => _model is not null;

    /// <summary>
    /// The text as the model reads it: lower case, without accents, typos mended, and otherwise as sent. The model was
    /// trained on real sentences, so it reads "don't", "??" and "!!" better than a bare word list.
    /// </summary>
    public string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var lower = Whitespace().Replace(TextMatcher.Fold(SmsNormalizer.ToGsm7(text)).Trim(), " ").ToLowerInvariant();
        return Word().Replace(lower, match =>
            _speller.Mend(match.Value.Replace("'", "", StringComparison.Ordinal)) ?? match.Value);
    }

    /// <summary>What <paramref name="body"/> means in <paramref name="state"/>.</summary>
    /// <param name="state">The state the texter is in (the start state for a first text).</param>
    /// <param name="body">The text, already known to be usable.</param>
    /// <param name="leaveOut">A corpus example to ignore, so that the corpus can be scored on itself.</param>
    public Meaning Understand(FlowState state, string body, string? leaveOut = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(body);
        var words = TextMatcher.Words(body);
        var mended = _speller.Correct(words);
        var hits = _rules.CueHits(mended);

        // Danger wins over everything, except inside the safety advice itself, where "made it to my car
        // and locked the doors" answers "reply OUT when you're safe".
        var inDanger = state.Situation is not null && state.Situation == _script.Urgent;
        if (_script.Urgent is { } urgent && hits.ContainsKey(urgent) && _rules.HasSureCue(mended, urgent) && !(inDanger && Phrase(state, mended) is { Kind: MeaningKind.Option }))
        {
            return new Meaning(MeaningKind.Situation, urgent);
        }

        if (EmailRequest(body, words) is { } email)
        {
            return email;
        }

        if ((ExactOption(state, words) ?? ExactOption(state, mended)) is { } option)
        {
            return new Meaning(MeaningKind.Option, option);
        }

        if (_rules.ByNumber(words) is { } numbered)
        {
            return new Meaning(MeaningKind.Situation, numbered);
        }

        if (Keywords.Classify(TextMatcher.SingleWord(body), optedOut: false, forgiveTypos: true) is var keyword and not Keyword.None)
        {
            return Meaning.Of(keyword);
        }

        if ((_rules.ByKeyword(words) ?? _rules.ByKeyword(mended)) is { } named)
        {
            return new Meaning(MeaningKind.Situation, named);
        }

        if (Phrase(state, mended) is { } phrase)
        {
            return phrase;
        }

        return _model is null
            ? ByCues(hits) is { } cued ? new Meaning(MeaningKind.Situation, cued) : Meaning.Nothing
            : ByModel(state, Clean(body), hits, leaveOut is null ? null : Clean(leaveOut));
    }

    /// <summary>
    /// Why a text means what it does, for a maintainer tuning the corpus or the cues: the text as
    /// mended, the cues it holds, and the model's best labels.
    /// </summary>
    public string Explain(FlowState state, string body, string? leaveOut = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        var mended = _speller.Correct(TextMatcher.Words(body));
        var hits = _rules.CueHits(mended);
        var cues = string.Join(", ", hits.Select(pair => $"{pair.Key} x{pair.Value}"));
        var scores = _model?.Score(Clean(body), label => IsCandidate(state, label), _settings.Neighbours, (_settings.Meaning, _settings.Spelling), leaveOut is null ? null : Clean(leaveOut)) ?? [];
        var top = string.Join(", ", scores.Take(4).Select(s => $"{s.Label} {s.Score:0.000}"));
        return $"\"{string.Join(' ', mended)}\" cues: [{cues}] model: [{top}]";
    }

    private Meaning ByModel(FlowState state, string text, Dictionary<string, int> hits, string? leaveOut)
    {
        // Inside a situation, a text is far likelier to answer the state's question than to name the
        // situation again: the state's replies get a head start, and the situation itself is no candidate
        // ("nah the salary is fixed" answers "did they offer something?").
        var scores = _model!.Score(text, label => IsCandidate(state, label) && label != state.Situation, _settings.Neighbours, (_settings.Meaning, _settings.Spelling), leaveOut)
            .Select(s => state.Options.Any(option => option.Reply == s.Label) ? s with { Score = s.Score + _settings.ReplyPrior } : s)
            .OrderByDescending(s => s.Score)
            .ToList();
        if (scores.Count == 0)
        {
            return Meaning.Nothing;
        }

        var inFlow = state.Situation is not null;
        var top = scores[0];
        if (inFlow)
        {
            // Inside a situation, the state's replies and the commands compete among themselves; another
            // situation must clearly beat them, or be named by a cue that outranks the texter's own.
            var answers = scores.Where(s => !IsSituation(s.Label)).ToList();
            var answer = answers.FirstOrDefault();
            var other = scores.FirstOrDefault(s => IsSituation(s.Label));
            var switching = other.Label is not null
                && other.Score - _settings.SwitchCost > answer.Score
                && (other.Score >= _settings.Accept || Outranks(ByCues(hits), state.Situation));
            if (!switching)
            {
                var next = answers.Skip(1).FirstOrDefault();
                return answer.Label is not null && answer.Label != LabelledText.Nothing
                    && answer.Score >= _settings.ReplyAccept && answer.Score - next.Score >= _settings.Margin
                    ? new Meaning(Kind(answer.Label), answer.Label, ByModel: true)
                    : Meaning.Nothing;
            }
        }
        else if (!IsSituation(top.Label) && top.Label != LabelledText.Nothing)
        {
            // A command at the start ("how does this work") when the model is sure of it.
            var runnerUp = scores.Skip(1).FirstOrDefault();
            if (top.Score >= _settings.Accept && top.Score - runnerUp.Score >= _settings.Margin)
            {
                return new Meaning(Kind(top.Label), top.Label, ByModel: true);
            }
        }

        if (top.Label == LabelledText.Nothing && hits.Count == 0)
        {
            return Meaning.Nothing;
        }

        // The cues are evidence on top of the model's: each adds a little to its situation's score. Inside
        // a situation, moving to another one takes more than starting with it.
        var situations = scores.Where(s => IsSituation(s.Label))
            .Select(s => new LabelScore(s.Label, s.Score + (_settings.CueWeight * Math.Min(hits.GetValueOrDefault(s.Label), 2)) - (inFlow ? _settings.SwitchCost : 0)))
            .OrderByDescending(s => s.Score)
            .ToList();
        if (situations.Count == 0)
        {
            return Meaning.Nothing;
        }

        var best = situations[0];
        var second = situations.Count > 1 ? situations[1] : default;
        if (best.Score >= _settings.Accept || (!inFlow && best.Score >= _settings.ClarifyFloor && best.Score - second.Score >= _settings.ClearLead))
        {
            // Several situations in one text: the weightier one wins ("belittling me, and the pay is low").
            // A situation is present when it scores near the best, or when the text names it (a cue) and
            // the model finds it plausible and not far behind ("laughed it off" names no rudeness).
            // Danger the model finds nearly as likely as the best counts as present too: leaving when it
            // was not needed costs less than staying when it was.
            var present = situations
                .Where(s => s.Score >= best.Score - _settings.Near
                    || (hits.ContainsKey(s.Label) && s.Score >= _settings.ClarifyFloor && (s.Label == _script.Urgent || s.Score >= best.Score - _settings.CueReach))
                    || (s.Label == _script.Urgent && s.Score >= _settings.ClarifyFloor && s.Score >= best.Score - _settings.UrgentNear))
                .Select(s => s.Label);
            return Situation(state, Strongest(present, hits, situations));
        }

        // Danger is never asked about: when it is the likeliest, or nearly, the texter gets the safety advice.
        if (situations.FirstOrDefault(s => s.Label == _script.Urgent) is { Label: not null } danger
            && danger.Score >= _settings.ClarifyFloor && danger.Score >= best.Score - _settings.UrgentNear)
        {
            return Situation(state, danger.Label);
        }

        // Ask about the two likeliest situations the menu can name.
        var numbered = situations.Where(s => Numbered(s.Label)).Take(2).ToList();
        if (!inFlow && best.Score >= _settings.ClarifyFloor && numbered.Count == 2 && numbered[0].Score >= _settings.ClarifyFloor)
        {
            return new Meaning(MeaningKind.Clarify, numbered[0].Label, numbered[1].Label, ByModel: true);
        }

        return Meaning.Nothing;
    }

    /// <summary>
    /// A situation the model found; where one of the state's replies leads to it ("1" for the
    /// deal-breaker after "still a problem"), that reply is what the text means.
    /// </summary>
    private Meaning Situation(FlowState state, string situation)
    {
        var entry = _script.Situations[situation].Entry;
        return state.Options.FirstOrDefault(option => option.Goto == entry) is { } option
            ? new Meaning(MeaningKind.Option, option.Reply, ByModel: true)
            : new Meaning(MeaningKind.Situation, situation, ByModel: true);
    }

    /// <summary>A state answers its own replies, every command, every situation, and "nothing".</summary>
    private bool IsCandidate(FlowState state, string label) =>
        label == LabelledText.Nothing
        || IsSituation(label)
        || Commands.All.Contains(label)
        || state.Options.Any(option => option.Reply == label);

    private bool IsSituation(string label) => _script.Situations.ContainsKey(label);

    private bool Numbered(string situation) => _script.Situations[situation].Number is not null;

    private static MeaningKind Kind(string label) =>
        Commands.All.Contains(label) ? MeaningKind.Command : MeaningKind.Option;

    private int Tier(string situation) => _tier.TryGetValue(situation, out var tier) ? tier : _tier.Count;

    private bool Outranks(string? situation, string? current) =>
        situation is not null && situation != current && (current is null || Tier(situation) < Tier(current));

    /// <summary>The situation the cues point to, by precedence, then by how many cues matched.</summary>
    private string? ByCues(Dictionary<string, int> hits) =>
        hits.Count == 0 ? null : hits.OrderBy(pair => Tier(pair.Key)).ThenByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).First().Key;

    /// <summary>
    /// Among situations present in one text, the highest in precedence. Within a tier the text's meaning
    /// decides, not its words: "flexible hours, but full commitment, which is it?" names hours and is
    /// still a question of what they meant.
    /// </summary>
    private string Strongest(IEnumerable<string> present, Dictionary<string, int> hits, List<LabelScore> scores) =>
        present.Distinct(StringComparer.Ordinal)
            .OrderBy(Tier)
            .ThenByDescending(situation => scores.FirstOrDefault(s => s.Label == situation).Score)
            .ThenByDescending(situation => hits.GetValueOrDefault(situation))
            .First();
}
