using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.Core.Tests.Flow;

/// <summary>
/// Nothing of the guidance source is lost when the texts are shortened or reordered. Each point the
/// source makes is listed here in a few words of our own, with where the script carries it: a state's
/// text, its reasons (WHY) or words (WORDS), or a situation's email. Dropping a point from the script
/// fails the test that names it.
/// </summary>
public sealed class GuidanceSourceCoverageTests
{
    private static readonly FlowScript Script = FlowLoader.LoadEmbedded();

    /// <summary>
    /// Each point in our words; where it is carried (<c>state.text</c>, <c>state.why</c>, <c>state.words</c>,
    /// <c>message.key</c> or <c>email:situation.summary|guidance|prompts</c>); and the phrase that carries it.
    /// </summary>
    public static TheoryData<string, string, string> Points { get; } = new()
    {
        // A deal-breaker comes up.
        { "Don't walk out over a deal-breaker", "dealbreaker.text", "Don't walk out yet" },
        { "Goodwill matters: fields are small and you may meet them again", "dealbreaker.why", "fields are small and you may meet them again" },
        { "Twenty more minutes is a small price for keeping doors open", "dealbreaker.why", "20 more polite minutes is a small price" },
        { "If it feels right, say plainly what doesn't work (pay, commute)", "dealbreaker.text", "If it feels right, say what doesn't work" },
        { "Give them the chance to answer", "dealbreaker.text", "let them answer" },
        { "They may raise the offer or allow remote work", "dealbreaker.why", "they may move on pay or remote work" },
        { "If they can't, say politely the job isn't for you", "dealbreaker_close.text", "I don't think the role is right for me" },
        { "Let them be the one to say goodbye", "dealbreaker_close.text", "let them say goodbye first" },

        // A good reason to leave: rude, combative, disrespectful, picking holes, questioning integrity.
        { "A rude or hostile interviewer is a reason to leave now", "leave_now.text", "You can leave now" },
        { "Like a bad date, it rarely improves and can get worse", "leave_now.why", "like a bad date, it rarely improves, can get worse" },
        { "It almost never leads to a good, lasting job", "leave_now.why", "seldom ends in a good job" },
        { "Say you see no future together, say thank you, and go", "leave_now.text", "\"I don't see a future for us here. Thank you.\" Then go" },
        { "Don't wait for permission", "leave_now.text", "don't wait for permission" },
        { "You've promised nothing and owe them no more of your time", "leave_now.why", "You've promised nothing and owe them no more time" },
        { "What counts as rude: combative, disrespectful, picking holes, questioning motives or integrity", "email:rude.summary", "rude, combative or disrespectful, or questioned your background, motives or integrity" },

        // On the fence: ambiguous, values, not as advertised, terms or business model.
        { "Don't run for the door: it may be a simple misunderstanding", "on_the_fence.text", "Don't run yet: it may be a misunderstanding" },
        { "You could lose an opportunity over a misunderstanding", "on_the_fence.why", "you don't lose a good job over a misunderstanding" },
        { "Ask them to explain what they meant", "on_the_fence.text", "What did you mean by that?" },
        { "Get the truth before you judge", "on_the_fence.why", "asking gets you the facts" },
        { "Pause a full five seconds, counting", "on_the_fence.text", "count to five in silence" },
        { "The pause gives them time to think and react too", "on_the_fence.why", "The pause gives you both time to think" },
        { "Then decide: you can still go", "on_the_fence.why", "You can still go" },
        { "What counts as on the fence: ambiguous, values, not as advertised, terms", "email:unsure.summary", "share your values, that the job differs from the posting, or that the terms might not work" },

        // You don't want the job.
        { "Save yourself the time and head for the door", "not_for_me.why", "staying costs you and them time" },
        { "Leave politely and professionally", "not_for_me.why", "Leaving politely and professionally" },
        { "So you walk out with no regrets", "not_for_me.why", "walk out with no regrets" },

        // The closing pointer: the operator's program, contact and link.
        { "Point to the program's own experts: name and link", "done.text", "TALK to have {ProgramName} contact you. More: {ProgramUrl}" },
        { "Point to the program's own experts: how to reach a person", "message.help", "Help: {HelpContact}" },

        // Danger comes first.
        { "In danger, get out first", "safety.text", "Leave now" },
        { "Get to a public place and call the emergency number", "safety.text", "Get to a public place with people around and call {EmergencyNumber}" },
        { "Courtesy, goodwill and waiting for goodbye don't apply", "safety.why", "Courtesy and goodwill don't count when you feel unsafe" },
        { "You owe them no explanation and need no permission", "safety.text", "you owe them no explanation" },
        { "Once safe, write down what happened while it's fresh", "safety_out.text", "Write down what happened, when and who, while it's fresh" },
        { "Tell the career office, which can act on a report about the employer", "safety_out.text", "they can act on a report about an employer" },
        { "The career office points to the office for harassment", "safety_out.text", "point you to the right office" },
        { "The office can limit the employer's campus recruiting", "email:safety.guidance", "limiting its access to campus recruiting" },

        // Questions an interviewer shouldn't ask.
        { "You don't have to answer", "questions.text", "You don't have to answer" },
        { "Ask how the question relates to the job", "questions.text", "How does that relate to the job?" },
        { "Pause, then decide", "questions.text", "Pause, then decide" },
        { "Such a question tells you about the employer; if it's enough, leave politely", "questions.text", "If it tells you enough, leave politely" },
        { "Off limits: age, pregnancy and children, marriage, religion, disability or health, origin", "questions.why", "not about age, pregnancy, kids, marriage, religion, health or origin" },
        { "They may ask whether you can do the job and may work in the country", "questions.why", "if you can do the job and may work here" },
        { "Tell the career office what was asked", "questions_leave.text", "tell {ProgramName} ({HelpContact}) what was asked" },
        { "A discrimination charge has a deadline: 180 days, 300 in many states", "questions_leave.why", "within 180 days, 300 in many states" },
        { "Protected grounds include race, colour, sex, national origin, age, disability", "email:questions.guidance", "not about your age, pregnancy, children, marriage, religion, disability or national origin" },

        // A nervous texter: nothing is wrong (the source's facts beyond the article).
        { "Nerves are normal", "nerves.text", "Nerves are normal" },
        { "Interviewers see nerves every day and rarely count them against you", "nerves.why", "interviewers see nerves every day and rarely hold them against you" },
        { "One stumble or weak answer seldom decides an interview", "nerves.why", "one weak answer seldom decides it" },
        { "Breathe slowly: in for about four, out for longer", "nerves.text", "in for 4, out for 6" },
        { "Slow breathing calms the body within a minute", "nerves.why", "Slow breaths calm you within a minute" },
        { "Pauses are allowed: say you need a moment", "nerves.text", "\"Let me think for a moment.\"" },
        { "After a blank, ask to come back to the question", "nerves.words", "Could we come back to that one?" },
        { "After rambling, stop and sum up", "nerves.words", "stop and sum up" },
        { "A slip can be mended later", "email:nerves.guidance", "I'd like to add to what I said earlier" },
        { "Nerves alone are no reason to leave; if something is wrong, the texter can say which", "nerves.text", "Something wrong? Reply 1-5" },
        { "Career offices offer mock interviews and coaching", "email:nerves.prompts", "mock interviews and coaching" },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void Each_point_of_the_guidance_source_is_carried_by_the_script(string point, string place, string phrase)
    {
        var text = Text(place);
        Assert.True(text.Contains(phrase, StringComparison.OrdinalIgnoreCase), $"\"{point}\" is lost: {place} no longer says \"{phrase}\". It says: {text}");
    }

    /// <summary>What each situation's first screen must hold: what to do, and (where it fits) the words to say.</summary>
    public static TheoryData<string, string, string?> FirstScreens { get; } = new()
    {
        { "dealbreaker", "Don't walk out yet", "\"The pay is below what I need. Is there room there?\"" },
        { "rude", "You can leave now", "\"I don't see a future for us here. Thank you.\"" },
        { "unsure", "Don't run yet", "\"What did you mean by that?\"" },
        { "notforme", "Leave politely", "\"Thank you for your time. I don't think this role is the right fit for me.\"" },
        { "safety", "Leave now", null },
        { "questions", "You don't have to answer", "\"How does that relate to the job?\"" },
        { "nerves", "Breathe", "\"Let me think for a moment.\"" },
    };

    [Theory]
    [MemberData(nameof(FirstScreens))]
    public void Each_situation_puts_the_action_and_the_words_to_say_in_its_first_screen(string situation, string action, string? words)
    {
        var screen = FirstScreen(Script.State(Script.Situations[situation].Entry).Text);
        Assert.StartsWith(action, screen, StringComparison.Ordinal);
        if (words is not null)
        {
            Assert.Contains(words, screen, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_danger_advice_names_the_emergency_number_in_its_first_screen()
    {
        var text = Script.State(Script.Situations[Script.Urgent!].Entry).Text;
        var values = Placeholders.MaxLengths.ToDictionary(pair => pair.Key, pair => new string('x', pair.Value));
        values[Placeholders.EmergencyNumber] = "999999";
        var filled = Placeholders.Fill(text, values);
        Assert.Contains("999999", filled[..Math.Min(filled.Length, FlowValidator.FirstScreen)], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_situation_of_the_script_has_its_first_screen_checked()
    {
        Assert.Equal(Script.Situations.Keys.Order(StringComparer.Ordinal), FirstScreens.Select(row => (string)row.Data.Item1).Order(StringComparer.Ordinal));
    }

    /// <summary>The first 160 characters as a texter would see them with the longest settings.</summary>
    private static string FirstScreen(string text)
    {
        var filled = Placeholders.Fill(text, Placeholders.MaxLengths.ToDictionary(pair => pair.Key, pair => new string('x', pair.Value)));
        return filled[..Math.Min(filled.Length, FlowValidator.FirstScreen)];
    }

    private static string Text(string place)
    {
        if (place.StartsWith("email:", StringComparison.Ordinal))
        {
            var (situation, part) = Split(place["email:".Length..]);
            var email = Script.Situations[situation].Email;
            return part switch
            {
                "summary" => email.Summary,
                "prompts" => string.Join(" ", email.Prompts),
                _ => string.Join(" ", email.Guidance),
            };
        }

        var (owner, field) = Split(place);
        if (owner == "message")
        {
            return Script.Message(field);
        }

        var state = Script.State(owner);
        return field switch
        {
            "text" => state.Text,
            "why" => state.Why ?? "",
            "words" => state.Words ?? "",
            _ => throw new ArgumentException($"Unknown part '{field}' in '{place}'.", nameof(place)),
        };
    }

    private static (string Owner, string Part) Split(string place)
    {
        var dot = place.LastIndexOf('.');
        return (place[..dot], place[(dot + 1)..]);
    }
}
