using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.TestKit.Repository;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Cli.Tests;

/// <summary>
/// The samples the README and the runbook show are what the line sends: the README's <c>chat --json</c> transcript,
/// the registration packet's sample messages and the HELP text. An edit of the script that changes one fails here
/// until the docs follow (and the carrier gets the new samples).
/// </summary>
public sealed partial class DocumentedSamplesTests
{
    [Fact]
    public async Task The_READMEs_chat_transcript_is_what_chat_prints_and_its_welcome_is_exact()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "README.md"), TestContext.Current.CancellationToken);
        var block = Transcript().Match(readme);
        Assert.True(block.Success, "README.md has no chat --json transcript.");
        var documented = block.Groups["lines"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();

        var result = await Textline.RunAsync("hi\n2\nWORDS\nSTOP\nhello\nSTART\n", "chat", "--json");
        var actual = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();

        Assert.Equal(actual.Count, documented.Count);
        foreach (var (shown, sent) in documented.Zip(actual))
        {
            var reply = (string?)shown["reply"];
            var real = (string?)sent["reply"];
            // A long reply may be cut short with " ..." in the README; the welcome never is.
            if (reply is not null && reply.EndsWith(" ...", StringComparison.Ordinal))
            {
                Assert.StartsWith(reply[..^4], real, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(real, reply);
            }

            Assert.Equal((string?)sent["state"], (string?)shown["state"]);
            Assert.Equal((int)sent["segments"]!, (int)shown["segments"]!);
        }

        Assert.False(((string)documented[0]["reply"]!).EndsWith("...", StringComparison.Ordinal), "The README's welcome is cut short.");
    }

    [Fact]
    public async Task The_registration_packets_sample_messages_and_HELP_text_are_texts_the_script_sends()
    {
        var runbook = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "docs", "operations.md"), TestContext.Current.CancellationToken);
        var samples = Section(runbook, "### Sample messages");
        var help = Section(runbook, "### HELP and STOP texts");
        var blocks = TextBlocks().Matches(samples).Select(match => match.Groups["text"].Value.TrimEnd('\n')).ToList();
        blocks.Add(TextBlocks().Match(help).Groups["text"].Value.TrimEnd('\n'));
        Assert.True(blocks.Count >= 4, "The runbook shows fewer than three sample messages.");

        var sent = Texts(FlowLoader.LoadEmbedded());
        Assert.All(blocks, block => Assert.True(sent.Contains(block), $"The runbook's sample is not a text the script sends with Riverside's settings:\n{block}"));
        Assert.Contains(Texts(FlowLoader.LoadEmbedded()).First(), blocks);
    }

    [Fact]
    public async Task The_runbooks_fallback_reply_is_the_default_scripts_apology()
    {
        var runbook = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "docs", "operations.md"), TestContext.Current.CancellationToken);
        var shown = TextBlocks().Match(Section(runbook, "## The fallback")).Groups["text"].Value.TrimEnd('\n');

        Assert.Equal(Placeholders.Fill(FlowLoader.LoadEmbedded().Message(MessageKeys.Fallback), Placeholders.Of(Riverside)), shown);
    }

    [Fact]
    public void The_docs_run_the_cli_one_way_as_textline()
    {
        var documents = new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md").Select(path => Path.GetRelativePath(RepositoryRoot.Path, path)));
        foreach (var document in documents)
        {
            var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, document));
            // The exceptions: the README's first command (the main job, which must run on a fresh clone before
            // anything is installed), the alias in its "Run it", and the understanding's training commands.
            var other = lines.Where(line => line.Contains("dotnet run --project src/InterviewTextLine.Cli", StringComparison.Ordinal)
                && !(document == "README.md" && line == "dotnet run --project src/InterviewTextLine.Cli -- chat")
                && !line.Contains("alias textline=", StringComparison.Ordinal)
                && !Regex.IsMatch(line, @"-- (train|eval)\b")
                && !document.EndsWith("understanding.md", StringComparison.Ordinal));
            Assert.Empty(other);
        }
    }

    /// <summary>The runbook's example settings.</summary>
    private static ProgramOptions Riverside => new() { Name = "Riverside Career Center", HelpContact = "careers@riverside.edu", Url = "https://careers.riverside.edu", EmergencyNumber = "911" };

    /// <summary>Every state text, words, reasons and message, with the runbook's example settings (Riverside), as sent.</summary>
    private static List<string> Texts(FlowScript script)
    {
        var engine = new ConversationEngine(script, KeywordTable.Of([script]), new NoUnderstanding(), Options.Create(Riverside), Options.Create(new ConversationOptions()), Options.Create(new FollowUpOptions()), Options.Create(new LimitsOptions()));
        return
        [
            engine.Render(script.State(script.Start).Text),
            .. script.States.SelectMany(state => new[] { state.Text, state.Words, state.Why }).OfType<string>().Select(text => engine.Render(text)),
            .. script.Messages.Values.Where(text => !text.Contains("{Hint}", StringComparison.Ordinal)).Select(text => engine.Render(text)),
        ];
    }

    private static string Section(string document, string heading)
    {
        var start = document.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"No section '{heading}'.");
        var end = document.IndexOf("\n#", start + heading.Length, StringComparison.Ordinal);
        return document[start..(end < 0 ? document.Length : end)];
    }

    private sealed class NoUnderstanding : ITextUnderstander
    {
        public string Language => "en";

        public Meaning Understand(TextReading text, FlowState state, bool justAskedBack) => Meaning.Nothing;

        public bool IsUrgent(TextReading text, bool rulesOnly) => false;
    }

    [GeneratedRegex(@"```text\n(?<lines>\{""in"":.*?)```", RegexOptions.Singleline)]
    private static partial Regex Transcript();

    [GeneratedRegex(@"```text\n(?<text>.*?)```", RegexOptions.Singleline)]
    private static partial Regex TextBlocks();
}
