using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.TestKit.Builders;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Email.Tests;

public sealed class FollowUpComposerTests
{
    private static readonly DateTimeOffset Now = TestClock.Start;

    private static FollowUpComposer Composer(string programName = "Career Hub", string title = "A deal-breaker came up") => new(
        new InterviewTextLine.Core.Flow.FlowScripts([TestScripts.Create(title)]),
        new FluidFollowUpRenderer(),
        Options.Create(new ProgramOptions { Name = programName, HelpContact = "555-0100", Url = "https://careers.example.edu/help" }),
        Options.Create(new EmailOptions { FromAddress = "line@example.edu" }));

    private static Conversation DealBreaker() => Conversation.Start("welcome", Now) with
    {
        StateId = "done",
        Situation = "dealbreaker",
        Path = ["welcome", "dealbreaker", "dealbreaker-no", "done"],
        Email = "ann@example.com",
    };

    [Fact]
    public void The_email_carries_the_situation_guidance_words_template_prompts_and_program_in_both_parts()
    {
        var email = Composer().Compose(DealBreaker(), "ann@example.com");

        Assert.Equal("ann@example.com", email.To);
        Assert.Equal("Your interview notes from Career Hub", email.Subject);
        foreach (var part in new[] { email.Html, email.Text })
        {
            Assert.Contains("Something you cannot accept came up", part, StringComparison.Ordinal);
            Assert.Contains("Say plainly what does not work", part, StringComparison.Ordinal);
            Assert.Contains("Is remote work possible?", part, StringComparison.Ordinal);
            Assert.Contains("I do not think this role is right for me.", part, StringComparison.Ordinal);
            Assert.Contains("Thank you for your time", part, StringComparison.Ordinal);
            Assert.Contains("[Interviewer name]", part, StringComparison.Ordinal);
            Assert.Contains("Which terms could move?", part, StringComparison.Ordinal);
            Assert.Contains("Who could you ask at Career Hub?", part, StringComparison.Ordinal);
            Assert.Contains("https://careers.example.edu/help", part, StringComparison.Ordinal);
            Assert.Contains("555-0100", part, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("The interviewer was rude", email.Html, StringComparison.Ordinal);
        Assert.Equal("<mailto:line@example.edu?subject=unsubscribe>", email.Headers["List-Unsubscribe"]);
    }

    [Fact]
    public void Markup_in_configured_or_scripted_text_is_encoded_in_the_html_part()
    {
        var email = Composer("Hub <script>alert(1)</script> & Co", "Pay & <b>terms</b>").Compose(DealBreaker(), "ann@example.com");

        Assert.DoesNotContain("<script>", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>terms", email.Html, StringComparison.Ordinal);
        Assert.Contains("Hub &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co", email.Html, StringComparison.Ordinal);
        Assert.Contains("Pay &amp; &lt;b&gt;terms&lt;/b&gt;", email.Html, StringComparison.Ordinal);
        Assert.Contains("Hub <script>alert(1)</script> & Co", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_html_part_has_no_images_or_tracking_and_keeps_its_styles_inline()
    {
        var html = Composer().Compose(DealBreaker(), "ann@example.com").Html;

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-width:600px", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_texter_who_never_picked_a_situation_gets_an_overview_of_all_of_them()
    {
        var conversation = Conversation.Start("welcome", Now) with { Path = ["welcome"], Email = "ann@example.com" };

        var email = Composer().Compose(conversation, "ann@example.com");

        Assert.Contains("A deal-breaker came up", email.Text, StringComparison.Ordinal);
        Assert.Contains("The interviewer was rude", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("A SHORT EMAIL YOU CAN ADAPT", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_situation_comes_from_the_path_when_the_conversation_moved_on()
    {
        var conversation = Conversation.Start("welcome", Now) with { Path = ["welcome", "rude", "done"], StateId = "done", Email = "ann@example.com" };

        var summary = Composer().Summarize(conversation);

        var situation = Assert.Single(summary.Situations);
        Assert.Equal("The interviewer was rude", situation.Title);
        Assert.Equal(["I do not see a future here. Thank you."], situation.Words.SelectMany(paragraph => paragraph.Lines));
    }
}

public sealed class FollowUpComposerScriptTests
{
    public static TheoryData<string> SituationIds => [.. InterviewTextLine.Core.Flow.FlowLoader.LoadEmbedded().Situations.Keys];

    [Theory]
    [MemberData(nameof(SituationIds))]
    public void Every_situation_of_the_shipped_script_makes_a_complete_email_with_no_placeholders_left(string situationId)
    {
        var script = InterviewTextLine.Core.Flow.FlowLoader.LoadEmbedded();
        var situation = script.Situations[situationId];
        var composer = new FollowUpComposer(
            new InterviewTextLine.Core.Flow.FlowScripts([script]),
            new FluidFollowUpRenderer(),
            Options.Create(new ProgramOptions { Name = "Career Hub", HelpContact = "555-0100", Url = "https://careers.example.edu" }),
            Options.Create(new EmailOptions { FromAddress = "line@example.edu" }));
        var conversation = Conversation.Start(script.Start, DateTimeOffset.UnixEpoch) with
        {
            Situation = situationId,
            Path = [script.Start, situation.Entry, script.Done],
            StateId = script.Done,
        };

        var summary = composer.Summarize(conversation);
        var email = composer.Compose(conversation, "ann@example.com");

        var summarised = Assert.Single(summary.Situations);
        Assert.Equal(situation.Title, summarised.Title);
        Assert.InRange(summarised.Prompts.Count, 2, 3);
        Assert.NotEmpty(summarised.Words);
        Assert.NotEmpty(summarised.TemplateParagraphs);
        Assert.NotEmpty(summarised.TemplateIntro);
        Assert.DoesNotMatch(@"\{[A-Za-z]+\}", email.Html);
        Assert.DoesNotMatch(@"\{[A-Za-z]+\}", email.Text);
        Assert.Contains("Career Hub", email.Text, StringComparison.Ordinal);
    }
}
