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
    public async Task The_command_line_takes_the_token_from_the_environment_and_exits_zero_against_a_healthy_line()
    {
        await using var host = await WebhookTestHost.StartAsync();
        var environment = new Dictionary<string, string?> { [SmokeCommand.TokenVariable] = WebhookTestHost.AuthToken };

        var exitCode = await SmokeCommand.Create(name => environment.GetValueOrDefault(name), TextReader.Null, inputIsTerminal: false)
            .Parse(["--url", host.SignedBaseUrl + ServeHost.WebhookRoute])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        Assert.Equal(0, await host.StoredConversationCountAsync());
    }

    [Fact]
    public async Task Without_the_variable_the_token_is_the_first_line_of_standard_input()
    {
        await using var host = await WebhookTestHost.StartAsync();
        using var input = new StringReader(WebhookTestHost.AuthToken + "\n");

        var exitCode = await SmokeCommand.Create(_ => null, input, inputIsTerminal: false)
            .Parse(["--url", host.SignedBaseUrl + ServeHost.WebhookRoute])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task A_token_on_the_command_line_is_refused_and_nothing_is_sent()
    {
        await using var host = await WebhookTestHost.StartAsync();

        var exitCode = await SmokeCommand.Create(_ => WebhookTestHost.AuthToken, TextReader.Null, inputIsTerminal: false)
            .Parse(["--url", host.SignedBaseUrl + ServeHost.WebhookRoute, "--token", WebhookTestHost.AuthToken])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), record => record.Message.StartsWith("Handled", StringComparison.Ordinal));
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
