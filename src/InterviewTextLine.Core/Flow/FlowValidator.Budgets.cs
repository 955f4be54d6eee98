using System.Text.RegularExpressions;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Sms;

namespace InterviewTextLine.Core.Flow;

/// <summary>
/// The SMS budgets, checked with the longest configurable values filled in: what each text may cost,
/// and what the welcome, HELP and the danger advice must say within it.
/// </summary>
public static partial class FlowValidator
{
    /// <summary>The welcome, which every new texter gets: one segment, so a first text costs one SMS.</summary>
    public const int WelcomeSegments = 1;

    /// <summary>Menus, prompts, hints, the closing, HELP and the other messages.</summary>
    public const int PromptSegments = 2;

    /// <summary>
    /// A guidance text, its words to say and its reasons. The action comes first; the reasons wait
    /// behind WHY, so a stressed texter reads one short text, not three segments.
    /// </summary>
    public const int GuidanceSegments = 2;

    /// <summary>A question back when the line is unsure.</summary>
    public const int QuestionSegments = 1;

    /// <summary>The first screen: the danger advice must say to leave and name the emergency number within it.</summary>
    public const int FirstScreen = SmsSegments.Gsm7Single;

    /// <summary>
    /// What HELP must carry for the carriers (CTIA, and Twilio's review of a number) in every language, each element
    /// as the lint names it and how it is found; the rest is in the language's words (<see cref="ScriptWords.Help"/>).
    /// How to opt out is checked apart, with the script's own word for STOP.
    /// </summary>
    private static readonly (string Element, Regex Pattern)[] HelpElements =
    [
        ("the program name {ProgramName}", new Regex(@"\{ProgramName\}", RegexOptions.CultureInvariant)),
        ("the help contact {HelpContact}", new Regex(@"\{HelpContact\}", RegexOptions.CultureInvariant)),
        ("the safety line with {EmergencyNumber}", new Regex(@"\{EmergencyNumber\}", RegexOptions.CultureInvariant)),
    ];

    /// <summary>The pattern of <paramref name="script"/>'s word to leave ("Leave now", "Sal ahora"), as a whole word: danger advice starts with it.</summary>
    public static Regex LeavePattern(FlowScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        return new Regex($@"\b{Regex.Escape(script.Words.Leave)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    /// <summary>What the welcome must tell a new texter how to use.</summary>
    private static readonly string[] WelcomeKeywords = ["HELP", "STOP"];

    private static readonly string[] HintMessages = [MessageKeys.Unknown, MessageKeys.Again, MessageKeys.WordsNeedSituation, MessageKeys.WhyNeedSituation, MessageKeys.Empty, MessageKeys.MediaOnly, MessageKeys.TooLong, MessageKeys.TalkContact];

    /// <summary>The welcome names the program and says how to get HELP and how to STOP: it is the first text a carrier sees too.</summary>
    private static void CheckWelcome(FlowScript script, List<string> problems)
    {
        if (!script.HasState(script.Start))
        {
            return;
        }

        var text = script.State(script.Start).Text;
        if (!Placeholders.Names(text).Contains(Placeholders.ProgramName))
        {
            problems.Add($"The welcome ('{script.Start}') must name the program with {{{Placeholders.ProgramName}}}.");
        }

        foreach (var keyword in WelcomeKeywords.Select(script.CommandWord).Where(keyword => !Mentions(text, keyword)))
        {
            problems.Add($"The welcome ('{script.Start}') must say how to use {keyword}.");
        }
    }

    private static void CheckHelp(FlowScript script, List<string> problems)
    {
        if (!script.Messages.TryGetValue(MessageKeys.Help, out var help))
        {
            return;
        }

        foreach (var (element, _) in HelpElements.Where(required => !required.Pattern.IsMatch(help)))
        {
            problems.Add($"Message 'help' is missing {element}, which carriers require in every HELP reply.");
        }

        foreach (var required in script.Words.Help.Where(required => !required.Regex.IsMatch(help)))
        {
            problems.Add($"Message 'help' is missing {required.Element}, which carriers require in every HELP reply.");
        }

        var stop = script.CommandWord("STOP");
        if (!Mentions(help, stop))
        {
            problems.Add($"Message 'help' is missing how to opt out ({stop}), which carriers require in every HELP reply.");
        }
    }

    /// <summary>In danger, the first screen says to leave and whom to call, whatever the settings.</summary>
    private static void CheckUrgentFirstScreen(FlowScript script, List<string> problems)
    {
        if (script.Urgent is not { } urgent || !script.Situations.TryGetValue(urgent, out var situation) || !script.HasState(situation.Entry))
        {
            return;
        }

        var values = Placeholders.MaxLengths.ToDictionary(pair => pair.Key, pair => new string('x', pair.Value));
        var number = new string('9', Placeholders.MaxLengths[Placeholders.EmergencyNumber]);
        values[Placeholders.EmergencyNumber] = number;
        var filled = Placeholders.Fill(script.State(situation.Entry).Text, values);
        var screen = filled[..Math.Min(filled.Length, FirstScreen)];
        if (!LeavePattern(script).IsMatch(screen) || !screen.Contains(number, StringComparison.Ordinal))
        {
            problems.Add($"State '{situation.Entry}' text must say to leave and name {{{Placeholders.EmergencyNumber}}} in its first {FirstScreen} characters (with the longest settings): danger comes first.");
        }
    }

    private static void CheckTexts(FlowScript script, List<string> problems)
    {
        var longestHint = script.States.Select(state => Fill(state.Hint, null, null)).DefaultIfEmpty("").MaxBy(hint => hint.Length)!;
        var longestReason = Enum.GetValues<EmailAddressProblem>()
            .Where(reason => reason != EmailAddressProblem.None)
            .Select(reason => script.Messages.GetValueOrDefault(EmailAddressCheck.MessageKey(reason), ""))
            .DefaultIfEmpty("")
            .MaxBy(text => text.Length)!;

        foreach (var state in script.States)
        {
            var budget = state.Id == script.Start ? WelcomeSegments : state.Kind == StateKind.Guidance ? GuidanceSegments : PromptSegments;
            CheckText($"State '{state.Id}' text", state.Text, budget, allowed: [], longestHint, longestReason, problems);
            CheckText($"State '{state.Id}' hint", state.Hint, PromptSegments, allowed: [], longestHint, longestReason, problems);
            if (state.Words is not null)
            {
                CheckText($"State '{state.Id}' words", state.Words, GuidanceSegments, allowed: [], longestHint, longestReason, problems);
            }

            if (state.Why is not null)
            {
                CheckText($"State '{state.Id}' why", state.Why, GuidanceSegments, allowed: [], longestHint, longestReason, problems);
            }
        }

        foreach (var (key, text) in script.Messages)
        {
            string[] allowed = key switch
            {
                MessageKeys.EmailSaved => [Placeholders.Delay],
                MessageKeys.EmailInvalid => [Placeholders.Reason],
                MessageKeys.Clarify => [Placeholders.First, Placeholders.FirstNumber, Placeholders.Second, Placeholders.SecondNumber],
                MessageKeys.Also => [Placeholders.Second, Placeholders.SecondNumber],
                MessageKeys.TalkConsent or MessageKeys.TalkRequested => [Placeholders.When],
                _ when HintMessages.Contains(key) => [Placeholders.Hint],
                _ => [],
            };
            CheckText($"Message '{key}'", text, MessageSegments(key), allowed, longestHint, longestReason, problems, LongestGists(script));
        }

        CheckAdviceWithSecondProblem(script, problems);

        // The follow-up state texts are what the texter reads aloud, but the email carries them too;
        // they only need to be non-empty there.
        foreach (var (id, situation) in script.Situations)
        {
            if (situation.Email.Guidance.Count == 0 || string.IsNullOrWhiteSpace(situation.Email.TemplateBody) || string.IsNullOrWhiteSpace(situation.Email.TemplateIntro))
            {
                problems.Add($"Situation '{id}' email needs guidance, a template and words introducing it.");
            }

            if (GsmAlphabet.NonGsmCharacters(SmsNormalizer.WithoutAccentsGsm7Lacks(situation.Gist)).Count > 0)
            {
                problems.Add($"Situation '{id}' gist has characters outside GSM-7.");
            }
        }
    }

    /// <summary>
    /// A text with two problems gets the weightier one's advice and the other named after it (message 'also'): each
    /// situation's advice with the longest such line must still fit the guidance budget. Danger names nothing else:
    /// getting out is all that matters then.
    /// </summary>
    private static void CheckAdviceWithSecondProblem(FlowScript script, List<string> problems)
    {
        if (!script.Messages.TryGetValue(MessageKeys.Also, out var also))
        {
            return;
        }

        var longestGist = script.Situations.Values.Where(s => s.Number is not null && !s.Reassurance).Select(s => s.Gist).DefaultIfEmpty("").MaxBy(gist => gist.Length)!;
        var mention = Fill(also, null, null, ("", longestGist));
        foreach (var (id, situation) in script.Situations.Where(pair => pair.Key != script.Urgent && script.HasState(pair.Value.Entry)))
        {
            var advice = Fill(script.State(situation.Entry).Text, null, null) + "\n" + mention;
            var count = SmsSegments.Of(SmsNormalizer.WithoutAccentsGsm7Lacks(advice));
            if (count.Count > GuidanceSegments)
            {
                problems.Add($"Situation '{id}' advice with a second problem named (message 'also') takes {count.Count} SMS segments ({count.Units} characters with the longest settings); the budget is {GuidanceSegments}.");
            }
        }
    }

    /// <summary>
    /// A message's budget. The consent question is asked once, in one segment: the texter reads all of it before
    /// answering; the fallback's apology has its own (<see cref="FallbackSegments"/>).
    /// </summary>
    private static int MessageSegments(string key) => key switch
    {
        MessageKeys.Clarify or MessageKeys.TalkConsent => QuestionSegments,
        MessageKeys.Fallback => FallbackSegments,
        _ => PromptSegments,
    };

    /// <summary>A situation where nothing is wrong (nerves) never tells the texter to leave, nor names the emergency number.</summary>
    private static void CheckReassurance(FlowScript script, List<string> problems)
    {
        var leave = LeavePattern(script);
        foreach (var (id, _) in script.Situations.Where(pair => pair.Value.Reassurance))
        {
            foreach (var state in script.States.Where(state => state.Situation == id))
            {
                if (leave.IsMatch(state.Text) || Placeholders.Names(state.Text).Contains(Placeholders.EmergencyNumber))
                {
                    problems.Add($"State '{state.Id}' text must not say to leave or name {{{Placeholders.EmergencyNumber}}}: situation '{id}' is a reassurance, not a reason to go.");
                }
            }
        }
    }

    private static void CheckText(string what, string text, int segments, string[] allowed, string longestHint, string longestReason, List<string> problems, (string First, string Second)? shorts = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add($"{what} is empty.");
            return;
        }

        // Checked as sent: the Spanish vowels GSM-7 lacks are replaced at send time (SmsNormalizer).
        var nonGsm = GsmAlphabet.NonGsmCharacters(SmsNormalizer.WithoutAccentsGsm7Lacks(text));
        if (nonGsm.Count > 0)
        {
            var shown = string.Join(", ", nonGsm.Select(c => $"'{c}' (U+{(int)c:X4})"));
            problems.Add($"{what} has characters outside GSM-7, which would make every SMS cost more than twice as much: {shown}.");
        }

        foreach (var name in Placeholders.Names(text).Distinct())
        {
            if (!Placeholders.MaxLengths.ContainsKey(name) && !Placeholders.Contextual.Contains(name))
            {
                problems.Add($"{what} uses an unknown placeholder {{{name}}}.");
            }
            else if (Placeholders.Contextual.Contains(name) && !allowed.Contains(name))
            {
                problems.Add($"{what} uses {{{name}}}, which is not available there.");
            }
        }

        if (nonGsm.Count == 0)
        {
            var filled = SmsNormalizer.WithoutAccentsGsm7Lacks(Fill(text, longestHint, longestReason, shorts));
            var count = SmsSegments.Of(filled);
            if (count.Count > segments)
            {
                problems.Add($"{what} takes {count.Count} SMS segments ({count.Units} characters with the longest settings); the budget is {segments} ({SmsSegments.Gsm7Capacity(segments)} characters).");
            }
        }
    }

    /// <summary>
    /// What <paramref name="text"/> costs with every setting at its longest (the program name, contact,
    /// link and emergency number): the figure its budget is checked against.
    /// </summary>
    public static SmsSegments SegmentsWithLongestSettings(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SmsSegments.Of(SmsNormalizer.WithoutAccentsGsm7Lacks(Fill(text, hint: null, reason: null)));
    }

    /// <summary>Fills every placeholder with its longest possible value.</summary>
    private static string Fill(string text, string? hint, string? reason, (string First, string Second)? shorts = null)
    {
        var values = Placeholders.MaxLengths.ToDictionary(pair => pair.Key, pair => new string('x', pair.Value));
        values[Placeholders.Hint] = hint ?? "";
        values[Placeholders.Reason] = reason ?? "";
        values[Placeholders.First] = shorts?.First ?? "";
        values[Placeholders.Second] = shorts?.Second ?? "";
        values[Placeholders.FirstNumber] = "9";
        values[Placeholders.SecondNumber] = "9";
        return Placeholders.Fill(text, values);
    }

    /// <summary>The two longest gists of numbered situations: the longest question back.</summary>
    private static (string First, string Second) LongestGists(FlowScript script)
    {
        var longest = script.Situations.Values.Where(s => s.Number is not null).Select(s => s.Gist ?? "").OrderByDescending(s => s.Length).Take(2).ToList();
        return (longest.ElementAtOrDefault(0) ?? "", longest.ElementAtOrDefault(1) ?? "");
    }
}
