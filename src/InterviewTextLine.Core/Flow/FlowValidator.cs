using System.Globalization;
using System.Runtime.CompilerServices;
using InterviewTextLine.Core.Conversations;

namespace InterviewTextLine.Core.Flow;

/// <summary>
/// Checks a flow script before the line uses it: every state reachable, no dead ends, no dangling
/// references, only known placeholders, and every text GSM-7 and within its SMS segment budget even
/// with the longest configurable values filled in (the budgets and what the welcome and HELP must
/// say are in <c>FlowValidator.Budgets.cs</c>).
/// </summary>
public static partial class FlowValidator
{
    /// <summary>The commands every state accepts, so one of them can always show the way out.</summary>
    private static readonly string[] AlwaysAccepted = ["MENU", "DONE", "HELP", "EMAIL"];

    /// <summary>
    /// The scripts that have passed, so that a script is linted once however many times it is checked (at startup,
    /// then by each engine built over it). A script is not changed once read, so its verdict holds.
    /// </summary>
    private static readonly ConditionalWeakTable<FlowScript, object> Passed = [];

    /// <summary>Returns every problem found; an empty list means the script is usable.</summary>
    public static IReadOnlyList<string> Validate(FlowScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        if (Passed.TryGetValue(script, out _))
        {
            return [];
        }

        var problems = Lint(script);
        if (problems.Count == 0)
        {
            Passed.AddOrUpdate(script, Passed);
        }

        return problems;
    }

    private static List<string> Lint(FlowScript script)
    {
        var problems = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var state in script.States)
        {
            if (string.IsNullOrWhiteSpace(state.Id))
            {
                problems.Add("A state has no id.");
            }
            else if (!ids.Add(state.Id))
            {
                problems.Add($"State '{state.Id}' is defined twice.");
            }
        }

        var keywords = KeywordTable.Of([script]);
        CheckReferences(script, ids, problems);
        CheckKeywords(script, keywords, problems);
        CheckReachability(script, ids, problems);
        CheckWayOut(script, problems);
        CheckOptions(script, keywords, problems);
        CheckTexts(script, problems);
        CheckWelcome(script, problems);
        CheckHelp(script, problems);
        CheckUrgentFirstScreen(script, problems);
        CheckReassurance(script, problems);
        CheckTalk(script, problems);
        CheckMisroute(script, problems);
        CheckFallback(script, problems);
        CheckWords(script, keywords, problems);
        return problems;
    }

    /// <summary>Validates and throws <see cref="FlowScriptException"/> listing every problem.</summary>
    public static FlowScript EnsureValid(FlowScript script)
    {
        var problems = Validate(script);
        return problems.Count == 0 ? script : throw new FlowScriptException(problems);
    }

    /// <summary>Each situation: its entry state exists, its menu number is distinct, and its email has what it needs.</summary>
    private static void CheckSituations(FlowScript script, HashSet<string> ids, List<string> problems)
    {
        var numbers = new HashSet<int>();
        foreach (var (id, situation) in script.Situations)
        {
            if (!ids.Contains(situation.Entry))
            {
                problems.Add($"Situation '{id}' starts in state '{situation.Entry}', which does not exist.");
            }

            if (situation.Number is { } number && (number is < 1 or > 9 || !numbers.Add(number)))
            {
                problems.Add($"Situation '{id}' has number {number}; numbers must be distinct, from 1 to 9.");
            }

            if (string.IsNullOrWhiteSpace(situation.Gist))
            {
                problems.Add($"Situation '{id}' needs a gist for questions back.");
            }

            if (situation.Email.Prompts.Count is < 2 or > 3)
            {
                problems.Add($"Situation '{id}' has {situation.Email.Prompts.Count} reflection prompts; the email needs two or three.");
            }

            foreach (var step in situation.Email.Steps.Keys.Where(step => !script.HasState(step) || script.State(step).Situation != id || step == situation.Entry))
            {
                problems.Add($"Situation '{id}' has an email step for '{step}', which is not one of its later states.");
            }
        }
    }

    private static void CheckReferences(FlowScript script, HashSet<string> ids, List<string> problems)
    {
        if (!ids.Contains(script.Start))
        {
            problems.Add($"The start state '{script.Start}' does not exist.");
        }

        if (!ids.Contains(script.Done))
        {
            problems.Add($"The done state '{script.Done}' does not exist.");
        }

        CheckSituations(script, ids, problems);
        foreach (var state in script.States)
        {
            if (state.Situation is not null && !script.Situations.ContainsKey(state.Situation))
            {
                problems.Add($"State '{state.Id}' names situation '{state.Situation}', which does not exist.");
            }

            foreach (var option in state.Options.Where(option => !ids.Contains(option.Goto)))
            {
                problems.Add($"State '{state.Id}' option {option.Reply} goes to '{option.Goto}', which does not exist.");
            }
        }

        foreach (var cue in script.Cues.Where(cue => cue.Situation != script.Urgent))
        {
            problems.Add($"A cue names situation '{cue.Situation}': only the urgent situation has sure phrases; the model reads every other situation.");
        }

        if (script.Urgent is { } urgent && !script.Situations.ContainsKey(urgent))
        {
            problems.Add($"The urgent situation '{urgent}' does not exist.");
        }

        foreach (var situation in script.Precedence.Where(situation => !script.Situations.ContainsKey(situation)))
        {
            problems.Add($"The precedence names situation '{situation}', which does not exist.");
        }

        // Clauses are cut in the folded text, so a connective with a capital, an accent or a space would never match.
        foreach (var connective in script.Connectives.Where(connective => connective.Length == 0 || !connective.All(char.IsAsciiLetterLower)))
        {
            problems.Add($"The connective '{connective}' must be one word in lower-case letters without accents, as texts are read.");
        }

        CheckKeys(script, problems);
    }

    /// <summary>Command phrases name commands, and every message the engine sends is there.</summary>
    private static void CheckKeys(FlowScript script, List<string> problems)
    {
        foreach (var command in script.CommandPhrases.Keys.Where(command => !Understanding.Commands.All.Contains(command)))
        {
            problems.Add($"Command phrases are given for '{command}', which is not a command ({string.Join(", ", Understanding.Commands.All)}).");
        }

        foreach (var key in MessageKeys.All.Where(key => !script.Messages.ContainsKey(key)))
        {
            problems.Add($"Message '{key}' is missing.");
        }

        foreach (var reason in Enum.GetValues<EmailAddressProblem>().Where(r => r != EmailAddressProblem.None))
        {
            if (!script.Messages.ContainsKey(EmailAddressCheck.MessageKey(reason)))
            {
                problems.Add($"Message '{EmailAddressCheck.MessageKey(reason)}' is missing.");
            }
        }
    }

    private static void CheckReachability(FlowScript script, HashSet<string> ids, List<string> problems)
    {
        if (!ids.Contains(script.Start))
        {
            return;
        }

        // Edges a texter can take: a state's options, a situation's number or keywords from any
        // state, and DONE from any state.
        var reached = new HashSet<string>(StringComparer.Ordinal) { script.Start };
        var queue = new Queue<string>([script.Start]);
        while (queue.TryDequeue(out var id))
        {
            var state = script.States.First(s => s.Id == id);
            var next = state.Options.Select(option => option.Goto)
                .Concat(script.Situations.Values.Select(situation => situation.Entry))
                .Append(script.Done);
            foreach (var target in next.Where(ids.Contains))
            {
                if (reached.Add(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        foreach (var state in script.States.Where(state => !reached.Contains(state.Id)))
        {
            problems.Add($"State '{state.Id}' cannot be reached from '{script.Start}'.");
        }
    }

    /// <summary>
    /// No dead ends: every state's text or hint names a reply that works there, and names every
    /// option the state offers, so the texter always knows what to send next.
    /// </summary>
    private static void CheckWayOut(FlowScript script, List<string> problems)
    {
        foreach (var state in script.States)
        {
            var shown = state.Text + " " + state.Hint;
            var accepted = state.Options.Select(option => option.Shown)
                .Concat(AlwaysAccepted.Select(script.CommandWord))
                .Concat(state.Words is null ? [] : [script.CommandWord("WORDS")])
                .Concat(state.Why is null ? [] : [script.CommandWord("WHY")])
                .Concat(state.Id == script.Start ? script.Situations.Values.Where(s => s.Number is not null).Select(s => s.Number!.Value.ToString(CultureInfo.InvariantCulture)) : []);
            if (!accepted.Any(reply => Mentions(shown, reply)))
            {
                problems.Add($"State '{state.Id}' is a dead end: its text and hint name no reply that works there.");
            }

            foreach (var option in state.Options.Where(option => !Mentions(shown, option.Shown)))
            {
                problems.Add($"State '{state.Id}' offers {option.Shown} but its text and hint never mention it.");
            }

            if (state.Kind == StateKind.Guidance && state.Words is null)
            {
                problems.Add($"Guidance state '{state.Id}' has no words to say.");
            }

            // Reasons nobody is told about are reasons lost; a WHY with none behind it is a broken promise.
            if (state.Why is not null && !Mentions(shown, script.CommandWord("WHY")))
            {
                problems.Add($"State '{state.Id}' has reasons (why) but its text and hint never offer WHY, so no texter will ask for them.");
            }

            if (state.Why is null && Mentions(state.Text + " " + state.Hint, script.CommandWord("WHY")) && ReasonsOfSituation(script, state) is null)
            {
                problems.Add($"State '{state.Id}' offers WHY but neither it nor its situation's first state has reasons (why).");
            }
        }
    }

    private static void CheckOptions(FlowScript script, KeywordTable keywords, List<string> problems)
    {
        foreach (var state in script.States)
        {
            problems.AddRange(KeywordOptions(state, keywords));
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var option in state.Options)
            {
                foreach (var phrase in option.Phrases)
                {
                    var normalized = TextMatcher.Normalize(phrase);
                    if (seen.TryGetValue(normalized, out var other) && other != option.Goto)
                    {
                        problems.Add($"State '{state.Id}' uses '{phrase}' for two options.");
                    }

                    seen[normalized] = option.Goto;
                }
            }
        }
    }

    /// <summary>The reasons WHY gives in a state without its own: those of its situation's first state.</summary>
    private static string? ReasonsOfSituation(FlowScript script, FlowState state) =>
        state.Situation is { } situation && script.Situations.TryGetValue(situation, out var found) && script.HasState(found.Entry)
            ? script.State(found.Entry).Why
            : null;

    /// <summary>Replies are shown in capitals ("Reply YES or NO"), so a mention is an exact, whole-word match.</summary>
    private static bool Mentions(string text, string reply) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<![A-Za-z0-9]){System.Text.RegularExpressions.Regex.Escape(reply)}(?![A-Za-z0-9])");
}
