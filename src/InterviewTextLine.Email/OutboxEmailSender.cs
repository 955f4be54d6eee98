using System.Globalization;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.FollowUps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace InterviewTextLine.Email;

/// <summary>
/// The embedded sender for local runs: writes each email to <see cref="OutboxOptions.OutboxFolder"/> as
/// <c>&lt;timestamp&gt;-&lt;id&gt;.eml</c> (open it in a mail client) plus an <c>.html</c> preview of the
/// HTML part (open it in a browser). Nothing leaves the machine.
/// </summary>
public sealed partial class OutboxEmailSender(
    IOptions<EmailOptions> emailOptions,
    IOptions<OutboxOptions> outbox,
    IOptions<ProgramOptions> program,
    TimeProvider time,
    ILogger<OutboxEmailSender> logger) : IEmailSender
{
    public async Task<EmailSendResult> SendAsync(FollowUpEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var settings = emailOptions.Value;
        var now = time.GetUtcNow();
        var folder = Path.GetFullPath(outbox.Value.OutboxFolder);
        var name = $"{now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{email.Id}";
        var emlPath = Path.Combine(folder, name + ".eml");
        var htmlPath = Path.Combine(folder, name + ".html");

        var mime = new MimeMessage { Subject = email.Subject, Date = now };
        mime.From.Add(new MailboxAddress(string.IsNullOrWhiteSpace(settings.FromName) ? program.Value.Name : settings.FromName, settings.FromAddress));
        mime.To.Add(MailboxAddress.Parse(email.To));
        foreach (var (header, value) in email.Headers)
        {
            mime.Headers.Add(header, value);
        }

        mime.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();

        try
        {
            Directory.CreateDirectory(folder);
            await mime.WriteToAsync(emlPath, cancellationToken);
            await File.WriteAllTextAsync(htmlPath, email.Html, cancellationToken);
        }
        catch (IOException exception)
        {
            LogWriteFailed(logger, email.Id, exception);
            return new EmailSendResult.Transient("outbox-io");
        }
        catch (UnauthorizedAccessException exception)
        {
            LogWriteFailed(logger, email.Id, exception);
            return new EmailSendResult.Permanent("outbox-access");
        }

        LogWritten(logger, emlPath);
        return new EmailSendResult.Accepted(emlPath);
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Follow-up email written to {Path}")]
    private static partial void LogWritten(ILogger logger, string path);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "Could not write follow-up email {EmailId} to the outbox")]
    private static partial void LogWriteFailed(ILogger logger, string emailId, Exception exception);
}
