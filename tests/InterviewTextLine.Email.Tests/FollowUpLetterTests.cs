using System.Net;
using System.Text.RegularExpressions;
using InterviewTextLine.Core;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.TestKit.Builders;
using InterviewTextLine.Understanding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace InterviewTextLine.Email.Tests;

/// <summary>
/// The follow-up email as the texter gets it: a conversation through the shipped script, the sweep, the
/// local outbox's .eml, and both parts read back with MimeKit.
/// </summary>
public sealed partial class FollowUpLetterTests : IAsyncDisposable
{
    private const string From = "+15555550142";
    private const string LineNumber = "+15555550199";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "textline-letter-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = TestClock.Create();
    private readonly ServiceProvider _services;
    private int _messages;

    public FollowUpLetterTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(LocalDefaults.Values)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Email:OutboxFolder"] = _folder })
            .Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_time)
            .AddTextLineCore(configuration)
            .AddTextUnderstanding()
            .AddFollowUps(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private FlowScript Script => _services.GetRequiredService<ConversationEngine>().Script;

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Texts the line, asks for the email, lets the delay pass, sweeps, and reads the .eml back.</summary>
    private async Task<MimeMessage> Letter(params string[] texts)
    {
        var line = _services.GetRequiredService<ITextLineService>();
        foreach (var text in texts.Append("EMAIL ann@example.com"))
        {
            await line.HandleAsync(new InboundText(From, LineNumber, text, $"SM{Interlocked.Increment(ref _messages):D32}"), TestContext.Current.CancellationToken);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        _time.Advance(TimeSpan.FromHours(3));
        var result = await _services.GetRequiredService<IFollowUpProcessor>().RunAsync(TestContext.Current.CancellationToken);
        return await MimeMessage.LoadAsync(Assert.Single(result.Sent), TestContext.Current.CancellationToken);
    }

    public static TheoryData<string, string> OneSituation => new()
    {
        { "dealbreaker", "1|yes|words|done" },
        { "rude", "2|words|out|done" },
        { "unsure", "3|clear|done" },
        { "notforme", "4|how|done" },
        { "safety", "he grabbed my arm and wont let me leave|out|done" },
        { "questions", "5|leave|done" },
    };

    [Theory]
    [MemberData(nameof(OneSituation))]
    public async Task Each_situation_makes_a_letter_with_no_sms_instructions_in_either_part(string situation, string texts)
    {
        using var message = await Letter(texts.Split('|'));
        var title = Script.Situations[situation].Title;

        Assert.Equal("Your interview notes from Career Services (local)", message.Subject);
        Assert.DoesNotContain(title, message.Subject, StringComparison.OrdinalIgnoreCase);
        foreach (var part in new[] { Text(message), Visible(Html(message)) })
        {
            Assert.Contains(title, part, StringComparison.Ordinal);
            Assert.Contains("Hello,", part, StringComparison.Ordinal);
            Assert.Contains("Best wishes", part, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"\bReply\b", part);
            foreach (var command in SmsReplies())
            {
                Assert.DoesNotMatch($@"(?<![A-Za-z]){command}(?![A-Za-z])", part);
            }
        }
    }

    [Fact]
    public async Task A_conversation_through_several_situations_covers_each_in_the_order_they_came_up()
    {
        using var message = await Letter("not sure what she meant by that", "still a problem", "4", "how", "done");
        var unsure = Script.Situations["unsure"];
        var notForMe = Script.Situations["notforme"];

        Assert.Equal("Your interview notes from Career Services (local)", message.Subject);
        foreach (var part in new[] { Text(message), Visible(Html(message)) })
        {
            var first = part.LastIndexOf(unsure.Title, StringComparison.Ordinal);
            var second = part.LastIndexOf(notForMe.Title, StringComparison.Ordinal);
            Assert.True(first >= 0 && second > first, "Each situation has its own section, in the order the texter went through them.");
            Assert.Contains(unsure.Email.Guidance[1], part, StringComparison.Ordinal);
            Assert.Contains(notForMe.Email.Guidance[1], part, StringComparison.Ordinal);
            Assert.Contains(unsure.Email.Steps["fence_still"], part, StringComparison.Ordinal);
            Assert.Contains(notForMe.Email.Steps["notforme_exit"], part, StringComparison.Ordinal);
            Assert.Contains(unsure.Email.TemplateSubject, part, StringComparison.Ordinal);
            Assert.Contains(notForMe.Email.TemplateSubject, part, StringComparison.Ordinal);
            Assert.DoesNotContain(Script.Situations["dealbreaker"].Title, part, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_rude_letter_agrees_with_the_texts_that_no_follow_up_is_owed()
    {
        using var message = await Letter("2", "out", "done");
        var sms = Script.State("leave_now_out").Text;
        Assert.Contains("You don't owe them a follow-up", sms, StringComparison.Ordinal);

        foreach (var part in new[] { Text(message), Visible(Html(message)) })
        {
            Assert.Contains("You don't owe them a follow-up", part, StringComparison.Ordinal);
            Assert.DoesNotContain("goodwill", part, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Newlines_in_the_script_render_as_line_breaks_in_the_html_part()
    {
        using var message = await Letter("3", "clear", "done");
        var html = Html(message);

        // The template's sign-off is "Best regards,\n[Your name]": one paragraph, two lines.
        Assert.Contains("<p style=\"margin:0 0 12px 0;\">Best regards,<br>[Your name]</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#xA;", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("&#10;", html, StringComparison.Ordinal);
        foreach (Match paragraph in ParagraphElement().Matches(html))
        {
            Assert.DoesNotContain('\n', paragraph.Groups[1].Value);
        }

        // Each paragraph of the template is a paragraph of its own.
        Assert.Contains(">Dear [Interviewer name],</p>", html, StringComparison.Ordinal);
        Assert.Contains("Best regards,\n  [Your name]", Text(message).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1|no|words|done")]
    [InlineData("not sure what she meant by that|still a problem|4|how|done")]
    [InlineData("he grabbed my arm and wont let me leave|out|done")]
    [InlineData("hi")]
    public async Task The_plain_text_and_html_parts_say_the_same(string texts)
    {
        using var message = await Letter(texts.Split('|'));
        Assert.Equal(Words(PlainText(Text(message))), Words(Visible(Html(message))));
    }

    [Fact]
    public async Task The_html_part_encodes_what_it_shows()
    {
        using var message = await Letter("2", "words", "done");
        Assert.Contains("&quot;I don&#x27;t think we&#x27;re a fit", Html(message), StringComparison.Ordinal);
        Assert.Contains("\"I don't think we're a fit", Visible(Html(message)), StringComparison.Ordinal);
    }

    private static string Text(MimeMessage message) => message.TextBody ?? throw new Xunit.Sdk.XunitException("The email has no plain-text part.");

    private static string Html(MimeMessage message) => message.HtmlBody ?? throw new Xunit.Sdk.XunitException("The email has no HTML part.");

    /// <summary>The replies and commands the texts ask for; none belongs in a letter (FORGET, how to erase the data, does).</summary>
    private IEnumerable<string> SmsReplies() =>
        Script.States.SelectMany(state => state.Options.Select(option => option.Reply))
            .Where(reply => reply.All(char.IsAsciiLetterUpper))
            .Concat(["WORDS", "WHY", "DONE", "MENU", "HELP", "EMAIL", "NOEMAIL", "STOP", "START"])
            .Distinct();

    /// <summary>What a reader sees of the HTML part: the body's text, tags dropped, entities decoded.</summary>
    private static string Visible(string html)
    {
        var body = html[html.IndexOf("<body", StringComparison.Ordinal)..];
        var inline = InlineTag().Replace(body, "");
        return WebUtility.HtmlDecode(AnyTag().Replace(inline, " "));
    }

    /// <summary>The plain-text part without its typography: heading underlines, the signature dashes and list bullets.</summary>
    private static string PlainText(string text) =>
        string.Join('\n', text.ReplaceLineEndings("\n").Split('\n')
            .Where(line => !Underline().IsMatch(line))
            .Select(line => line.TrimStart().StartsWith("- ", StringComparison.Ordinal) ? line.TrimStart()[2..] : line));

    private static string Words(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"</?(a|strong)\b[^>]*>")]
    private static partial Regex InlineTag();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"^\s*-{2,}\s*$")]
    private static partial Regex Underline();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"<p[^>]*>(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex ParagraphElement();
}
