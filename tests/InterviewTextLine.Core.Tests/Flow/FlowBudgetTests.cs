using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.Core.Tests.Flow;

/// <summary>
/// The lint's SMS budgets: each breach fails with a message that says what and by how much, with the
/// longest settings filled in.
/// </summary>
public sealed class FlowBudgetTests
{
    private static FlowScript Shipped => FlowLoader.LoadEmbedded();

    private static FlowScript WithState(string id, Func<FlowState, FlowState> change) =>
        Shipped with { States = [.. Shipped.States.Select(state => state.Id == id ? change(state) : state)] };

    private static FlowScript WithHelp(string help) =>
        Shipped with { Messages = Shipped.Messages.ToDictionary(pair => pair.Key, pair => pair.Key == MessageKeys.Help ? help : pair.Value) };

    private static string Longest(string text) =>
        Placeholders.Fill(text, Placeholders.MaxLengths.ToDictionary(pair => pair.Key, pair => new string('x', pair.Value)));

    [Fact]
    public void The_shipped_welcome_fits_one_segment_with_the_longest_program_name()
    {
        var welcome = Shipped.State(Shipped.Start).Text;
        Assert.Equal(1, Core.Sms.SmsSegments.Of(Longest(welcome)).Count);
        Assert.Equal(ProgramOptions.MaxNameLength, Placeholders.MaxLengths[Placeholders.ProgramName]);
    }

    [Fact]
    public void A_welcome_over_one_segment_is_reported()
    {
        var script = WithState("welcome", state => state with { Text = state.Text + " Reply now." });
        Assert.Contains(FlowValidator.Validate(script), p => p.StartsWith("State 'welcome' text takes 2 SMS segments", StringComparison.Ordinal) && p.Contains("the budget is 1 (160 characters)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_welcome_that_fits_only_with_a_short_program_name_is_reported()
    {
        // 157 characters with the local name; with a 30-character name, 164: two segments.
        var script = WithState("welcome", state => state with { Text = "{ProgramName} " + new string('a', 106) + " HELP for help, STOP to end" });
        Assert.True(Core.Sms.SmsSegments.Of(script.State("welcome").Text.Replace("{ProgramName}", "Career Services (local)", StringComparison.Ordinal)).Count == 1);
        Assert.Contains(FlowValidator.Validate(script), p => p.StartsWith("State 'welcome' text takes 2 SMS segments", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{ProgramName}", "Career Hub", "must name the program with {ProgramName}")]
    [InlineData("HELP, ", "", "must say how to use HELP")]
    [InlineData("STOP to end", "bye", "must say how to use STOP")]
    public void A_welcome_that_drops_the_program_HELP_or_STOP_is_reported(string find, string replace, string expected)
    {
        var script = WithState("welcome", state => state with { Text = state.Text.Replace(find, replace, StringComparison.Ordinal) });
        Assert.Contains(FlowValidator.Validate(script), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_welcome_that_drops_the_way_to_another_language_is_reported_with_the_line_s_scripts()
    {
        var script = WithState("welcome", state => state with { Text = state.Text.Replace("ESPAÑOL", "", StringComparison.Ordinal) });

        Assert.Empty(FlowValidator.CompareAll([Shipped, FlowLoader.LoadEmbedded("es")]));
        Assert.Contains(FlowValidator.CompareAll([script, FlowLoader.LoadEmbedded("es")]), p => p.Contains("must say how to switch language (ESPANOL)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("words")]
    [InlineData("why")]
    public void Guidance_over_two_segments_is_reported(string part)
    {
        var padding = " " + new string('a', 200);
        var script = WithState("leave_now", state => part switch
        {
            "text" => state with { Text = state.Text + padding },
            "words" => state with { Words = state.Words + padding },
            _ => state with { Why = state.Why + padding },
        });
        Assert.Contains(FlowValidator.Validate(script), p => p.StartsWith($"State 'leave_now' {part} takes 3 SMS segments", StringComparison.Ordinal) && p.Contains("the budget is 2 (306 characters)", StringComparison.Ordinal));
    }

    [Fact]
    public void Reasons_outside_gsm7_are_reported()
    {
        var script = WithState("leave_now", state => state with { Why = "Why: it won\u2019t get better." });
        Assert.Contains(FlowValidator.Validate(script), p => p.StartsWith("State 'leave_now' why has characters outside GSM-7", StringComparison.Ordinal) && p.Contains("U+2019", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> HelpWithoutAnElement => new()
    {
        { "{ProgramName} ", "", "the program name {ProgramName}" },
        { "{HelpContact}", "us", "the help contact {HelpContact}" },
        { "Msg&data rates may apply. ", "", "\"Msg&data rates may apply\"" },
        { "Replies only when you text. ", "", "the message frequency (\"replies only when you text\")" },
        { " STOP to opt out.", "", "how to opt out (STOP)" },
        { "Unsafe? Leave and call {EmergencyNumber}. ", "", "the safety line with {EmergencyNumber}" },
    };

    [Theory]
    [MemberData(nameof(HelpWithoutAnElement))]
    public void Help_without_a_carrier_required_element_is_reported(string find, string replace, string missing)
    {
        var help = Shipped.Message(MessageKeys.Help);
        Assert.Contains(find, help, StringComparison.Ordinal);
        var problems = FlowValidator.Validate(WithHelp(help.Replace(find, replace, StringComparison.Ordinal)));
        Assert.Contains($"Message 'help' is missing {missing}, which carriers require in every HELP reply.", problems);
    }

    [Fact]
    public void Help_over_two_segments_is_reported()
    {
        var problems = FlowValidator.Validate(WithHelp(Shipped.Message(MessageKeys.Help) + " " + new string('a', 120)));
        Assert.Contains(problems, p => p.StartsWith("Message 'help' takes 3 SMS segments", StringComparison.Ordinal));
    }

    [Fact]
    public void Danger_advice_that_leaves_the_emergency_number_past_the_first_screen_is_reported()
    {
        var script = WithState("safety", state => state with { Text = "Your safety comes first, before any job, and you owe them nothing at all: no explanation, no goodbye and no time. Once you're outside, somewhere public, leave the area and call {EmergencyNumber}. OUT when safe." });
        Assert.Contains(FlowValidator.Validate(script), p => p.StartsWith("State 'safety' text must say to leave and name {EmergencyNumber} in its first 160 characters", StringComparison.Ordinal));
    }

    [Fact]
    public void Reasons_no_text_offers_are_reported()
    {
        var script = WithState("not_for_me", state => state with
        {
            Text = state.Text.Replace(", WHY for why", "", StringComparison.Ordinal),
            Hint = state.Hint.Replace(", WHY for why", "", StringComparison.Ordinal),
        });
        Assert.Contains(FlowValidator.Validate(script), p => p.StartsWith("State 'not_for_me' has reasons (why) but its text and hint never offer WHY", StringComparison.Ordinal));
    }

    [Fact]
    public void Offering_WHY_with_no_reasons_behind_it_is_reported()
    {
        var script = WithState("dealbreaker_offer", state => state with { Why = null });
        script = script with { States = [.. script.States.Select(state => state.Id == "dealbreaker" ? state with { Why = null, Text = state.Text.Replace(" WHY for why.", "", StringComparison.Ordinal), Hint = state.Hint.Replace(", WHY for why", "", StringComparison.Ordinal) } : state)] };
        Assert.Contains(FlowValidator.Validate(script), p => p == "State 'dealbreaker_offer' offers WHY but neither it nor its situation's first state has reasons (why).");
    }

    [Fact]
    public void An_email_step_for_a_state_of_another_situation_is_reported()
    {
        var rude = Shipped.Situations["rude"];
        var steps = new Dictionary<string, string>(rude.Email.Steps) { ["fence_clear"] = "Not a rude step." };
        var script = Shipped with
        {
            Situations = Shipped.Situations.ToDictionary(pair => pair.Key, pair => pair.Key == "rude" ? rude with { Email = rude.Email with { Steps = steps } } : pair.Value),
        };
        Assert.Contains("Situation 'rude' has an email step for 'fence_clear', which is not one of its later states.", FlowValidator.Validate(script));
    }
}
