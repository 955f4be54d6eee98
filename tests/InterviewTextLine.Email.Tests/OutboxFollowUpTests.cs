using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.TestKit.Email;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace InterviewTextLine.Email.Tests;

public sealed class OutboxFollowUpTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "textline-outbox-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_SendGrid_key_a_due_follow_up_is_written_to_the_outbox_as_eml_and_html()
    {
        await using var host = new EmailTestHost(new Dictionary<string, string?> { ["Email:OutboxFolder"] = _folder });
        Assert.IsType<OutboxEmailSender>(host.Services.GetRequiredService<IEmailSender>());
        await host.EmailAsync(EmailTestHost.Texter(1), "ann@example.com");

        host.Time.Advance(host.FollowUps.Delay - TimeSpan.FromMinutes(1));
        await host.RunAsync();
        Assert.False(Directory.Exists(_folder) && Directory.EnumerateFiles(_folder).Any());

        host.Time.Advance(TimeSpan.FromMinutes(1));
        var result = await host.RunAsync();

        var emlPath = Assert.Single(result.Sent);
        Assert.Equal(_folder, Path.GetDirectoryName(emlPath));
        Assert.StartsWith("20250602T120000Z-", Path.GetFileName(emlPath), StringComparison.Ordinal);
        Assert.EndsWith(".eml", emlPath, StringComparison.Ordinal);
        var htmlPath = Path.ChangeExtension(emlPath, ".html");
        Assert.Equal([emlPath, htmlPath], Directory.EnumerateFiles(_folder).Order());

        using var message = await MimeMessage.LoadAsync(emlPath, TestContext.Current.CancellationToken);
        Assert.Equal("ann@example.com", message.To.Mailboxes.Single().Address);
        Assert.Equal("line@example.edu", message.From.Mailboxes.Single().Address);
        Assert.Equal("Your interview notes from Career Hub", message.Subject);
        Assert.Equal("<mailto:line@example.edu?subject=unsubscribe>", message.Headers["List-Unsubscribe"]);
        Assert.Contains("Is remote work possible?", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Is remote work possible?", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(message.HtmlBody, await File.ReadAllTextAsync(htmlPath, TestContext.Current.CancellationToken));
    }
}
