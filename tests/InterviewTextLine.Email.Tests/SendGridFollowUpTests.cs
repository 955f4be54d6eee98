using System.Globalization;
using System.Text.Json;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.TestKit.Email;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewTextLine.Email.Tests;

/// <summary>The follow-up sweep through the SendGrid SDK against a real HTTP server on loopback.</summary>
public sealed class SendGridFollowUpTests : IAsyncLifetime
{
    private const string ApiKey = "SG.test-key";
    private FakeSendGridServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await FakeSendGridServer.StartAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private EmailTestHost Host(string programName = "Career Hub", string situationTitle = "A deal-breaker came up", int maxAttempts = 5, string timeout = "00:00:20") => new(
        new Dictionary<string, string?>
        {
            ["SendGrid:ApiKey"] = ApiKey,
            ["SendGrid:Host"] = _server.Url,
            ["SendGrid:Timeout"] = timeout,
        },
        programName,
        situationTitle,
        maxAttempts);

    [Fact]
    public async Task Each_due_follow_up_is_one_mail_send_request_with_the_expected_json()
    {
        await using var host = Host();
        Assert.IsType<SendGridEmailSender>(host.Services.GetRequiredService<IEmailSender>());
        await host.EmailAsync(EmailTestHost.Texter(1), "ann@example.com");
        await host.EmailAsync(EmailTestHost.Texter(2), "ben@example.com");
        host.Time.Advance(TimeSpan.FromHours(1));
        await host.EmailAsync(EmailTestHost.Texter(3), "cat@example.com");

        host.Time.Advance(TimeSpan.FromHours(1));
        var result = await host.RunAsync();
        host.Time.Advance(TimeSpan.FromMinutes(5));
        await host.RunAsync();

        Assert.Equal(2, result.Sent.Count);
        Assert.All(result.Sent, destination => Assert.StartsWith("sendgrid:msg-", destination, StringComparison.Ordinal));
        var requests = _server.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(["ann@example.com", "ben@example.com"], requests.Select(request => To(request.Body)).Order());
        foreach (var request in requests)
        {
            Assert.Equal($"Bearer {ApiKey}", request.Authorization);
            var body = request.Body;
            Assert.Equal("line@example.edu", body.GetProperty("from").GetProperty("email").GetString());
            Assert.Equal("Career Hub line", body.GetProperty("from").GetProperty("name").GetString());
            Assert.Equal("Your interview notes from Career Hub", Subject(body));
            var content = body.GetProperty("content").EnumerateArray().ToList();
            Assert.Equal(["text/plain", "text/html"], content.Select(part => part.GetProperty("type").GetString()));
            Assert.Contains("Is remote work possible?", content[0].GetProperty("value").GetString(), StringComparison.Ordinal);
            Assert.Contains("Is remote work possible?", content[1].GetProperty("value").GetString(), StringComparison.Ordinal);
            Assert.Equal("<mailto:line@example.edu?subject=unsubscribe>", body.GetProperty("headers").GetProperty("List-Unsubscribe").GetString());
            var tracking = body.GetProperty("tracking_settings");
            Assert.False(tracking.GetProperty("click_tracking").GetProperty("enable").GetBoolean());
            Assert.False(tracking.GetProperty("open_tracking").GetProperty("enable").GetBoolean());
            Assert.False(tracking.GetProperty("subscription_tracking").GetProperty("enable").GetBoolean());
        }

        Assert.Equal(FollowUpStatus.Scheduled, (await host.FollowUpAsync(EmailTestHost.Texter(3))).Status);
        Assert.Equal(FollowUpStatus.Sent, (await host.FollowUpAsync(EmailTestHost.Texter(1))).Status);
    }

    [Fact]
    public async Task A_429_waits_for_the_rate_limit_reset_then_the_202_is_the_only_accepted_send()
    {
        await using var host = Host();
        await host.EmailAsync(EmailTestHost.Texter(1), "ann@example.com");
        host.Time.Advance(host.FollowUps.Delay);
        var reset = host.Time.GetUtcNow().AddSeconds(120);
        _server.Then(429, new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = "600",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        }, """{"errors":[{"field":null,"message":"too many requests"}]}""");

        var limited = await host.RunAsync();
        Assert.Equal(1, limited.Retried);
        Assert.Equal(reset, (await host.FollowUpAsync(EmailTestHost.Texter(1))).NextAttemptAt);

        host.Time.Advance(TimeSpan.FromSeconds(60));
        await host.RunAsync();
        Assert.Single(_server.Requests);

        host.Time.Advance(TimeSpan.FromSeconds(60));
        var sent = await host.RunAsync();
        host.Time.Advance(TimeSpan.FromHours(1));
        await host.RunAsync();

        Assert.Single(sent.Sent);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(FollowUpStatus.Sent, (await host.FollowUpAsync(EmailTestHost.Texter(1))).Status);
    }

    [Fact]
    public async Task A_500_is_retried_on_later_runs_and_recorded_as_failed_after_max_attempts()
    {
        await using var host = Host(maxAttempts: 3);
        await host.EmailAsync(EmailTestHost.Texter(1), "ann@example.com");
        for (var i = 0; i < 4; i++)
        {
            _server.Then(500, body: """{"errors":[{"field":null,"message":"internal error"}]}""");
        }

        host.Time.Advance(host.FollowUps.Delay);
        Assert.Equal(1, (await host.RunAsync()).Retried);
        Assert.Single(_server.Requests);

        // Each later run after the backoff tries once more; runs in between send nothing.
        await host.RunAsync();
        Assert.Single(_server.Requests);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await host.RunAsync()).Retried);
        host.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, (await host.RunAsync()).Failed);
        host.Time.Advance(TimeSpan.FromHours(2));
        await host.RunAsync();

        Assert.Equal(3, _server.Requests.Count);
        var followUp = await host.FollowUpAsync(EmailTestHost.Texter(1));
        Assert.Equal(FollowUpStatus.Failed, followUp.Status);
        Assert.Equal("http-500", followUp.LastError);
        Assert.Equal(3, followUp.Attempts);
    }

    [Fact]
    public async Task A_response_slower_than_the_timeout_is_a_transient_failure()
    {
        await using var host = Host(timeout: "00:00:01");
        await host.EmailAsync(EmailTestHost.Texter(1), "ann@example.com");
        _server.ThenHang();

        host.Time.Advance(host.FollowUps.Delay);
        var result = await host.RunAsync();

        Assert.Equal(1, result.Retried);
        var followUp = await host.FollowUpAsync(EmailTestHost.Texter(1));
        Assert.Equal(FollowUpStatus.Scheduled, followUp.Status);
        Assert.Equal("timeout", followUp.LastError);
    }

    [Fact]
    public async Task A_bad_request_is_permanent_and_only_field_names_are_kept()
    {
        await using var host = Host();
        await host.EmailAsync(EmailTestHost.Texter(1), "ann@example.com");
        _server.Then(400, body: """{"errors":[{"field":"personalizations.0.to","message":"ann@example.com is not valid","help":null}]}""");

        host.Time.Advance(host.FollowUps.Delay);
        var result = await host.RunAsync();
        host.Time.Advance(TimeSpan.FromHours(1));
        await host.RunAsync();

        Assert.Equal(1, result.Failed);
        Assert.Single(_server.Requests);
        var followUp = await host.FollowUpAsync(EmailTestHost.Texter(1));
        Assert.Equal(FollowUpStatus.Failed, followUp.Status);
        Assert.Equal("http-400:personalizations.0.to", followUp.LastError);
    }

    [Fact]
    public async Task Markup_and_ampersands_in_configured_text_arrive_encoded_in_the_html_part()
    {
        await using var host = Host(programName: "Hub <script>alert(1)</script> & Co", situationTitle: "Pay & <i>terms</i>");
        await host.EmailAsync(EmailTestHost.Texter(1), "ann@example.com");

        host.Time.Advance(host.FollowUps.Delay);
        await host.RunAsync();

        var content = Assert.Single(_server.Requests).Body.GetProperty("content").EnumerateArray().ToList();
        var html = content.Single(part => part.GetProperty("type").GetString() == "text/html").GetProperty("value").GetString()!;
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<i>terms", html, StringComparison.Ordinal);
        Assert.Contains("Hub &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co", html, StringComparison.Ordinal);
        Assert.Contains("Pay &amp; &lt;i&gt;terms&lt;/i&gt;", html, StringComparison.Ordinal);
    }

    private static string? To(JsonElement body) =>
        body.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString();

    private static string? Subject(JsonElement body) =>
        body.TryGetProperty("subject", out var subject) ? subject.GetString() : body.GetProperty("personalizations")[0].GetProperty("subject").GetString();
}
