using InterviewTextLine.Cli.Commands;
using InterviewTextLine.Cli.Serve;

namespace InterviewTextLine.Integration.Tests.Webhook;

/// <summary><c>textline smoke</c> against the local serve host on loopback, as an operator runs it against Azure.</summary>
public sealed class SmokeCommandTests
{
    [Fact]
    public async Task The_smoke_test_passes_against_a_healthy_line_and_leaves_nothing_stored()
    {
        await using var host = await WebhookTestHost.StartAsync();
        using var output = new StringWriter();

        var exitCode = await SmokeCommand.RunAsync(host.Client, new Uri(host.SignedBaseUrl + ServeHost.WebhookRoute), WebhookTestHost.AuthToken, SmokeCommand.TestNumber, output, TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        Assert.Contains("ok   hi", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("ok   FORGET", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await host.StoredConversationCountAsync());
    }

    [Fact]
    public async Task The_command_line_parses_the_url_and_token_and_exits_zero_against_a_healthy_line()
    {
        await using var host = await WebhookTestHost.StartAsync();

        var exitCode = await SmokeCommand.Create()
            .Parse(["--url", host.SignedBaseUrl + ServeHost.WebhookRoute, "--token", WebhookTestHost.AuthToken])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        Assert.Equal(0, await host.StoredConversationCountAsync());
    }

    [Fact]
    public async Task The_smoke_test_fails_with_the_403_explained_when_the_token_is_wrong()
    {
        await using var host = await WebhookTestHost.StartAsync();
        using var output = new StringWriter();

        var exitCode = await SmokeCommand.RunAsync(host.Client, new Uri(host.SignedBaseUrl + ServeHost.WebhookRoute), "not-the-token", SmokeCommand.TestNumber, output, TestContext.Current.CancellationToken);

        Assert.Equal(1, exitCode);
        Assert.Contains("FAIL hi: 403", output.ToString(), StringComparison.Ordinal);
    }
}
