using InterviewTextLine.Core.Flow;

namespace InterviewTextLine.Core.Tests.Flow;

public sealed class FlowValidatorTests
{
    private static FlowScript Shipped => FlowLoader.LoadEmbedded();

    private static FlowScript WithState(FlowScript script, string id, Func<FlowState, FlowState> change) =>
        script with { States = [.. script.States.Select(state => state.Id == id ? change(state) : state)] };

    [Fact]
    public void The_shipped_script_is_valid()
    {
        Assert.Empty(FlowValidator.Validate(Shipped));
    }

    [Fact]
    public void Every_shipped_text_is_gsm7_and_within_its_budget_with_the_longest_settings()
    {
        foreach (var state in Shipped.States)
        {
            var budget = state.Id == Shipped.Start ? 1 : state.Kind == StateKind.Guidance ? 2 : 2;
            foreach (var text in new[] { state.Text, state.Words, state.Why }.OfType<string>())
            {
                Assert.True(Core.Sms.GsmAlphabet.IsGsm7(text), state.Id);
                var filled = Placeholders.Fill(text, Placeholders.MaxLengths.ToDictionary(p => p.Key, p => new string('x', p.Value)));
                Assert.InRange(Core.Sms.SmsSegments.Of(filled).Count, 1, budget);
            }
        }
    }

    [Theory]
    [InlineData("help", "a keyword or a word for help")]
    [InlineData("Hello", "lower case, no accents or marks")]
    public void A_greeting_that_means_something_else_or_is_not_folded_is_reported(string greeting, string problem)
    {
        var script = Shipped with { Words = Shipped.Words with { Greetings = [.. Shipped.Words.Greetings, greeting] } };

        Assert.Contains(FlowValidator.Validate(script), p => p.Contains($"'{greeting}'", StringComparison.Ordinal) && p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unreachable_state_is_reported()
    {
        var orphan = new FlowState { Id = "orphan", Kind = StateKind.Guidance, Text = "Reply DONE.", Words = "Say hi.", Hint = "Reply DONE." };
        var script = Shipped with { States = [.. Shipped.States, orphan] };
        Assert.Contains(FlowValidator.Validate(script), p => p.Contains("'orphan' cannot be reached", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dangling_reference_is_reported()
    {
        var script = WithState(Shipped, "dealbreaker", state => state with
        {
            Options = [.. state.Options, new FlowOption { Reply = "MAYBE", Goto = "nowhere" }],
            Hint = state.Hint + " MAYBE",
        });
        Assert.Contains(FlowValidator.Validate(script), p => p.Contains("goes to 'nowhere', which does not exist", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Pero")]
    [InlineData("además")]
    [InlineData("and then")]
    [InlineData("")]
    public void A_connective_that_a_folded_text_could_never_hold_is_reported(string connective)
    {
        var script = Shipped with { Connectives = [.. Shipped.Connectives, connective] };
        var problem = Assert.Single(FlowValidator.Validate(script));
        Assert.Contains($"The connective '{connective}'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_curly_quote_is_reported_with_its_code_point()
    {
        var script = WithState(Shipped, "leave_now", state => state with { Words = "Say: \u201cThank you.\u201d" });
        var problem = Assert.Single(FlowValidator.Validate(script));
        Assert.Contains("outside GSM-7", problem, StringComparison.Ordinal);
        Assert.Contains("U+201C", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_placeholder_is_reported()
    {
        var script = WithState(Shipped, "done", state => state with { Text = "Bye from {Programme}. MENU to start again." });
        Assert.Contains(FlowValidator.Validate(script), p => p.Contains("unknown placeholder {Programme}", StringComparison.Ordinal));
    }

    [Fact]
    public void A_placeholder_used_where_it_has_no_value_is_reported()
    {
        var script = WithState(Shipped, "done", state => state with { Text = "Bye. {Hint}. MENU to start again." });
        Assert.Contains(FlowValidator.Validate(script), p => p.Contains("uses {Hint}, which is not available there", StringComparison.Ordinal));
    }

    [Fact]
    public void A_state_that_never_says_what_to_send_next_is_a_dead_end()
    {
        var script = WithState(Shipped, "fence_clear", state => state with { Text = "Glad it's cleared up.", Hint = "Good luck." });
        Assert.Contains(FlowValidator.Validate(script), p => p.Contains("'fence_clear' is a dead end", StringComparison.Ordinal));
    }

    [Fact]
    public void An_option_shadowed_by_a_global_keyword_is_reported()
    {
        var script = WithState(Shipped, "leave_now", state => state with
        {
            Options = [.. state.Options.Select(o => o with { Synonyms = [.. o.Synonyms, "stop"] })],
        });
        Assert.Contains(FlowValidator.Validate(script), p => p.Contains("'stop' is a global keyword", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_message_is_reported()
    {
        var script = Shipped with { Messages = Shipped.Messages.Where(pair => pair.Key != "help").ToDictionary() };
        Assert.Contains(FlowValidator.Validate(script), p => p.Contains("Message 'help' is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Malformed_json_is_a_clear_script_error()
    {
        using var stream = new MemoryStream("{ \"version\": \"1\", "u8.ToArray());
        var exception = Assert.Throws<FlowScriptException>(() => FlowLoader.Load(stream));
        Assert.Contains("not valid", exception.Message, StringComparison.Ordinal);
    }
}
