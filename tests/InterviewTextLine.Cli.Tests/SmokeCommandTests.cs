using InterviewTextLine.Cli.Commands;
using InterviewTextLine.Cli.Serve;
using InterviewTextLine.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewTextLine.Cli.Tests;

/// <summary>
/// <c>textline smoke</c> run as an operator runs it, against <c>textline serve</c> on loopback: the auth token comes
/// from the environment or standard input, never from the command line.
/// </summary>
public sealed class SmokeCommandTests(SmokeCommandTests.Line line) : IClassFixture<SmokeCommandTests.Line>
{
    private const string Token = "smoke-test-token-12345";

    private string WebhookUrl => line.App.Urls.First().TrimEnd('/') + ServeHost.WebhookRoute;

    /// <summary><c>textline serve</c> on a free loopback port, in memory, shared by the class's tests.</summary>
    public sealed class Line : IAsyncLifetime
    {
        private WebApplication? _app;

        public WebApplication App => _app ?? throw new InvalidOperationException("The line starts in InitializeAsync.");

        public async ValueTask InitializeAsync()
        {
            var options = new ServeHostOptions { Urls = "http://127.0.0.1:0", ReadMachineSettings = false };
            options.Settings["Twilio:AuthToken"] = Token;
            _app = ServeHost.Build(options);
            await _app.StartAsync(TestContext.Current.CancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.StopAsync(CancellationToken.None);
                await _app.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_token_is_read_from_the_environment_variable()
    {
        var result = await Textline.RunAsync("", Environment(Token), "smoke", "--url", WebhookUrl);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("ok   hi", result.Output, StringComparison.Ordinal);
        Assert.Contains("ok   FORGET", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Output + result.Error, StringComparison.Ordinal);
        Assert.Empty(await StoredTextersAsync());
    }

    [Fact]
    public async Task Without_the_variable_the_token_is_read_from_standard_input()
    {
        var result = await Textline.RunAsync(Token + "\n", Environment(null), "smoke", "--url", WebhookUrl);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("Smoke test passed", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_on_standard_input_fails_with_the_403_explained()
    {
        var result = await Textline.RunAsync("not-the-token\n", Environment(null), "smoke", "--url", WebhookUrl);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL hi: 403", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_on_the_command_line_is_refused_without_being_used_or_repeated()
    {
        var result = await Textline.RunAsync("", Environment(Token), "smoke", "--url", WebhookUrl, "--token", Token);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(SmokeCommand.TokenVariable, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ok   hi", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_anywhere_it_says_where_to_put_one()
    {
        var result = await Textline.RunAsync("", Environment(null), "smoke", "--url", WebhookUrl);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(SmokeCommand.TokenVariable, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_help_offers_no_token_option()
    {
        var result = await Textline.RunAsync("", "smoke", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("--token", result.Output, StringComparison.Ordinal);
        Assert.Contains(SmokeCommand.TokenVariable, result.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Environment(string? token) => new() { [SmokeCommand.TokenVariable] = token };

    private Task<IReadOnlyList<TexterId>> StoredTextersAsync() =>
        TestKit.Storage.StoredTexters.AllAsync(line.App.Services.GetRequiredService<InMemoryConversationStore>(), TestContext.Current.CancellationToken);
}
