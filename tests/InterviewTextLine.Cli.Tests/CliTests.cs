using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.TestKit.Repository;

namespace InterviewTextLine.Cli.Tests;

public sealed partial class CliTests
{
    [Fact]
    public async Task Chat_with_piped_input_prints_one_json_reply_per_line()
    {
        var result = await Textline.RunAsync("hi\n2\nWORDS\nSTOP\nhello\nSTART\n", "chat", "--json");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
        Assert.Equal(6, lines.Count);
        Assert.Equal(["hi", "2", "WORDS", "STOP", "hello", "START"], lines.Select(line => (string)line["in"]!));

        var script = FlowLoader.LoadEmbedded();
        var welcomeFirstLine = Placeholders.Fill(script.State(script.Start).Text.Split('\n')[0], new Dictionary<string, string> { [Placeholders.ProgramName] = "Career Services (local)" });
        Assert.StartsWith(welcomeFirstLine + "\n", (string)lines[0]["reply"]!, StringComparison.Ordinal);
        Assert.StartsWith("You can leave now.", (string)lines[1]["reply"]!, StringComparison.Ordinal);
        Assert.StartsWith("Say: \"I don't think we're a fit", (string)lines[2]["reply"]!, StringComparison.Ordinal);
        Assert.Null(lines[3]["reply"]);
        Assert.Null(lines[4]["reply"]);
        Assert.Equal((string)lines[0]["reply"]!, (string)lines[5]["reply"]!);
        // Twilio answers STOP itself, so the line sends nothing: an explicit null, not a missing field.
        Assert.True(lines[3].TryGetPropertyValue("reply", out var stopReply) && stopReply is null, "The STOP line has no \"reply\": null.");
        Assert.Equal(1, (int)lines[0]["segments"]!);
        Assert.Equal(1, (int)lines[1]["segments"]!);
        Assert.Equal("GSM-7", (string)lines[1]["encoding"]!);
        Assert.Equal(0, (int)lines[3]["segments"]!);
    }

    [Fact]
    public async Task Chat_without_json_shows_each_replys_segments_and_encoding()
    {
        var result = await Textline.RunAsync("4\n", "chat", "--from", "+447700900123");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("line> Leave politely: \"Thank you for your time.", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"\[1 segment\(s\), GSM-7, \d+ characters\]", result.Output);
    }

    [Fact]
    public async Task Chat_rejects_a_number_that_is_not_e164()
    {
        var result = await Textline.RunAsync("", "chat", "--from", "555-0100");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("E.164", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_passes_on_the_shipped_script()
    {
        var result = await Textline.RunAsync("", "lint");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("is valid", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"goto\": \"fence_clear\"", "\"goto\": \"fence_cleared\"", "goes to 'fence_cleared', which does not exist")]
    [InlineData("\"id\": \"leave_now_out\"", "\"id\": \"leave_now_after\"", "'leave_now_after' cannot be reached")]
    [InlineData("Well done. Breathe", "Well done \u2014 breathe", "U+2014")]
    [InlineData("Good sign.", "Good sign {Nonsense}.", "unknown placeholder {Nonsense}")]
    public async Task Lint_fails_with_a_clear_message_on_a_broken_script(string find, string replace, string expected)
    {
        var source = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "src/InterviewTextLine.Core/Flow/script.json"), TestContext.Current.CancellationToken);
        Assert.Contains(find, source, StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"script-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, source.Replace(find, replace, StringComparison.Ordinal), TestContext.Current.CancellationToken);
        try
        {
            var result = await Textline.RunAsync("", "lint", "--script", path);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_readme_embeds_the_diagram_that_textline_flow_prints()
    {
        var result = await Textline.RunAsync("", "flow");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("stateDiagram-v2", result.Output, StringComparison.Ordinal);
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "README.md"), TestContext.Current.CancellationToken);
        var embedded = MermaidBlock().Match(readme);
        Assert.True(embedded.Success, "README.md has no ```mermaid block.");
        Assert.Equal(result.Output.ReplaceLineEndings("\n").Trim(), embedded.Groups[1].Value.ReplaceLineEndings("\n").Trim());
    }

    [GeneratedRegex("```mermaid\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex MermaidBlock();
}
