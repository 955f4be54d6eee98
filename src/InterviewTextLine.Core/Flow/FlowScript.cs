using System.Text.Json.Serialization;

namespace InterviewTextLine.Core.Flow;

/// <summary>
/// The conversation as data: states, texts, options, synonyms and free-text cues, loaded from the
/// versioned <c>script.json</c> that ships with the app and validated before use
/// (see <c>FlowValidator</c>).
/// </summary>
public sealed record FlowScript
{
    /// <summary>The script's version, shown by <c>textline lint</c>; bump it when the wording changes.</summary>
    public required string Version { get; init; }

    /// <summary>
    /// The code of the script's language (its <see cref="Languages.LanguageProfile.Code"/>). Each language the line
    /// speaks has a script of its own with the same states, options and situations; only the words differ.
    /// </summary>
    public required string Language { get; init; }

    /// <summary>The language's own words that the line's code uses: switching, leaving, HELP, times, keywords, and the rules' small words.</summary>
    public required ScriptWords Words { get; init; }

    /// <summary>
    /// What the loader filled in because the script was written before scripts carried it (its language, its words),
    /// for the lint and the logs to say; empty for a complete script.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>
    /// The word shown for each command in this language, keyed by the command (<c>WORDS</c> is
    /// <c>PALABRAS</c> in Spanish); a command not listed is shown as itself. Every word shown must be one of
    /// this script's own keywords for its command (<see cref="ScriptWords.Keywords"/>), so a texter who sends what
    /// they were shown is understood, whatever other languages the line speaks.
    /// </summary>
    public IReadOnlyDictionary<string, string> Commands { get; init; } = new Dictionary<string, string>();

    /// <summary>The word this script shows for <paramref name="command"/>.</summary>
    public string CommandWord(string command) => Commands.TryGetValue(command, out var word) ? word : command;

    /// <summary>The state a new (or expired) conversation starts in: the welcome menu.</summary>
    public required string Start { get; init; }

    /// <summary>The state DONE leads to.</summary>
    public required string Done { get; init; }

    /// <summary>The situations, keyed by id.</summary>
    public required IReadOnlyDictionary<string, Situation> Situations { get; init; }

    /// <summary>
    /// The situation whose cues win over everything, in any state: danger. Its advice must never be
    /// traded for another situation's ("stay courteous").
    /// </summary>
    public string? Urgent { get; init; }

    /// <summary>
    /// When a text points to several situations, the earlier in this list wins ("he's belittling me
    /// and the pay is low" is the rude situation). Situations not listed rank after those listed,
    /// and among themselves by how strongly the text points to them.
    /// </summary>
    public IReadOnlyList<string> Precedence { get; init; } = [];

    /// <summary>
    /// The words that join two thoughts in this language ("but", "also"; "pero", "encima"). A text is read clause by
    /// clause at these words and at sentence marks, so that a second problem its whole reading drowns is still named.
    /// </summary>
    public IReadOnlyList<string> Connectives { get; init; } = [];

    /// <summary>
    /// Phrases that mean a command from any state, found anywhere in a text ("what do i say" means
    /// <c>WORDS</c>); keyed by the command.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> CommandPhrases { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public required IReadOnlyList<FlowState> States { get; init; }

    /// <summary>The urgent situation's sure phrases ("he has a knife"), which win over everything.</summary>
    public IReadOnlyList<Cue> Cues { get; init; } = [];

    /// <summary>The texts of the global keywords and of bad input, keyed by <see cref="MessageKeys"/>.</summary>
    public required IReadOnlyDictionary<string, string> Messages { get; init; }

    /// <summary>The state with <paramref name="id"/>; throws for an unknown id (a validated script has none).</summary>
    public FlowState State(string id) =>
        States.FirstOrDefault(state => state.Id == id) ?? throw new KeyNotFoundException($"The flow has no state '{id}'.");

    public bool HasState(string id) => States.Any(state => state.Id == id);

    /// <summary>
    /// The replies a text in <paramref name="state"/> can mean: the state's own, then those of the other states of
    /// its situation that lead elsewhere, so a change of mind finds its way back ("wait, they can do 18 after all"
    /// after NO goes to the offer). A reply the state has itself wins over a sibling's of the same name.
    /// </summary>
    public IReadOnlyList<FlowOption> RepliesInReach(FlowState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Situation is null)
        {
            return state.Options;
        }

        var replies = state.Options.ToList();
        foreach (var sibling in States.Where(other => other.Situation == state.Situation && other.Id != state.Id))
        {
            replies.AddRange(sibling.Options.Where(option => option.Goto != state.Id && replies.All(known => known.Reply != option.Reply)));
        }

        return replies;
    }

    public string Message(string key) =>
        Messages.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"The flow has no message '{key}'.");
}

/// <summary>One of the situations the line gives advice for.</summary>
public sealed record Situation
{
    /// <summary>The number the welcome menu gives it (1-9), or null for one reached only by what the texter says.</summary>
    public int? Number { get; init; }

    /// <summary>A short title, used in the email summary and the diagram.</summary>
    public required string Title { get; init; }

    /// <summary>A few lower-case words for a question back ("Is it pay, commute or terms (reply 1) ..."). </summary>
    public required string Gist { get; init; }

    /// <summary>The state its guidance starts in.</summary>
    public required string Entry { get; init; }

    /// <summary>
    /// True for a situation where nothing is wrong (nerves): it ranks below every problem, is never named beside
    /// one, and its texts never say to leave (the lint checks it).
    /// </summary>
    public bool Reassurance { get; init; }

    /// <summary>Words and phrases that pick this situation anywhere in the flow ("rude", "deal breaker").</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Long-form content of the follow-up email for this situation.</summary>
    public required SituationEmail Email { get; init; }
}

/// <summary>What the follow-up email adds for a situation beyond the SMS texts.</summary>
public sealed record SituationEmail
{
    /// <summary>One paragraph describing the situation as the texter reported it.</summary>
    public required string Summary { get; init; }

    /// <summary>The guidance in a few sentences.</summary>
    public required IReadOnlyList<string> Guidance { get; init; }

    /// <summary>
    /// What the email says above the template: why (or whether) to send it, in keeping with what the
    /// texts said. "A courteous note keeps goodwill" fits a deal-breaker, not a hostile interviewer.
    /// </summary>
    public required string TemplateIntro { get; init; }

    /// <summary>Subject of the short email the texter can adapt and send (to the employer, or to the career office).</summary>
    public required string TemplateSubject { get; init; }

    /// <summary>Body of that email, with placeholders such as <c>[Interviewer name]</c> for the texter to fill.</summary>
    public required string TemplateBody { get; init; }

    /// <summary>Two or three questions to reflect on.</summary>
    public required IReadOnlyList<string> Prompts { get; init; }

    /// <summary>
    /// A paragraph for each later state of the situation the texter reached, keyed by state id ("They
    /// offered something: ..."), so the email follows the branch they took.
    /// </summary>
    public IReadOnlyDictionary<string, string> Steps { get; init; } = new Dictionary<string, string>();
}

/// <summary>What a state is for; it sets the segment budget of its text.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StateKind>))]
public enum StateKind
{
    /// <summary>A numbered list of choices (2 segments; the welcome, 1).</summary>
    Menu,

    /// <summary>Advice for a situation (2 segments; its words and reasons too).</summary>
    Guidance,

    /// <summary>The closing after DONE (2 segments).</summary>
    Closing,
}

/// <summary>A state of the conversation.</summary>
public sealed record FlowState
{
    public required string Id { get; init; }

    public required StateKind Kind { get; init; }

    /// <summary>A gist for the diagram; the id is used when there is none.</summary>
    public string? Label { get; init; }

    /// <summary>The situation this state belongs to, if any; WORDS and the email use it.</summary>
    public string? Situation { get; init; }

    /// <summary>The text sent on entering the state.</summary>
    public required string Text { get; init; }

    /// <summary>The exact lines to say, sent on WORDS.</summary>
    public string? Words { get; init; }

    /// <summary>
    /// Why the advice holds, sent on WHY. The text leads with what to do; the reasons wait for the
    /// texter who wants them, so the first screen stays short.
    /// </summary>
    public string? Why { get; init; }

    /// <summary>What to send next, appended to the reply to input the state does not understand.</summary>
    public required string Hint { get; init; }

    /// <summary>The replies this state understands and where each leads.</summary>
    public IReadOnlyList<FlowOption> Options { get; init; } = [];
}

/// <summary>A reply a state understands.</summary>
public sealed record FlowOption
{
    /// <summary>The canonical reply the text asks for ("YES", "1"); shown on the diagram.</summary>
    public required string Reply { get; init; }

    /// <summary>
    /// The word a texter is told to send for it in this script's language ("SÍ" for <c>YES</c>), when
    /// it is not the reply itself. The reply stays the option's id in every language, and works too.
    /// </summary>
    public string? Keyword { get; init; }

    /// <summary>The word the texts show for this option.</summary>
    [JsonIgnore]
    public string Shown => Keyword ?? Reply;

    /// <summary>Other ways to say it ("yeah", "they did").</summary>
    public IReadOnlyList<string> Synonyms { get; init; } = [];

    /// <summary>Everything that picks this option said exactly: the reply, the shown word and the synonyms.</summary>
    [JsonIgnore]
    public IEnumerable<string> Phrases => Keyword is null ? Synonyms.Prepend(Reply) : Synonyms.Prepend(Keyword).Prepend(Reply);

    /// <summary>The state it leads to.</summary>
    public required string Goto { get; init; }
}

/// <summary>
/// Phrases that mean a situation wherever they appear in a text. Only the urgent situation has them: sure
/// danger phrases ("pulled a knife") that win over everything. Every other reading is the trained model's.
/// </summary>
public sealed record Cue
{
    public required string Situation { get; init; }

    /// <summary>
    /// Phrases matched as whole words, in order; a word ending in <c>*</c> matches any word it starts
    /// ("insult*" matches "insulted").
    /// </summary>
    public required IReadOnlyList<string> Phrases { get; init; }

}
