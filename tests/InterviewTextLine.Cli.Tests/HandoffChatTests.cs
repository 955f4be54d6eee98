using System.Text.RegularExpressions;

namespace InterviewTextLine.Cli.Tests;

/// <summary><c>textline chat</c> writes the handoff email to the local outbox, as it writes the summary.</summary>
public sealed partial class HandoffChatTests
{
    [Fact]
    public async Task Chat_writes_the_handoff_email_with_the_number_and_the_situations_to_the_outbox()
    {
        var result = await Textline.RunAsync("5\nLEAVE\nTALK\nyes\n", "chat", "--from", "+15555550142");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("line> Share this number with Career Services (local) so a person contacts you", result.Output, StringComparison.Ordinal);
        Assert.Contains("line> Thanks. Career Services (local) has your number", result.Output, StringComparison.Ordinal);
        var written = WrittenTo().Match(result.Output);
        Assert.True(written.Success, result.Output);
        var email = await File.ReadAllTextAsync(written.Groups[1].Value, TestContext.Current.CancellationToken);
        File.Delete(written.Groups[1].Value);
        File.Delete(Path.ChangeExtension(written.Groups[1].Value, ".html"));
        Assert.Contains("To: callbacks@example.edu", email, StringComparison.Ordinal);
        Assert.Contains("Number: +15555550142", email, StringComparison.Ordinal);
        Assert.Contains("1. They asked something they shouldn't", email, StringComparison.Ordinal);
        Assert.Single(WrittenTo().Matches(result.Output));
    }

    [Fact]
    public async Task Chat_in_json_keeps_one_line_per_reply_when_a_handoff_email_is_written()
    {
        var result = await Textline.RunAsync("TALK\nyes\n", "chat", "--json", "--from", "+15555550143");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [GeneratedRegex(@"\(handoff email written to (.+\.eml)\)")]
    private static partial Regex WrittenTo();
}
