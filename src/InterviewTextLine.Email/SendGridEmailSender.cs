using System.Globalization;
using System.Net;
using System.Text.Json;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.FollowUps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace InterviewTextLine.Email;

/// <summary>
/// Sends follow-up emails through SendGrid's v3 mail send API, one request per email, and maps the
/// answer onto <see cref="EmailSendResult"/>.
/// </summary>
/// <remarks>
/// The client gets an <see cref="HttpClient"/> of ours, which makes the SDK skip its own
/// <c>ReliabilitySettings</c> retries. That is deliberate: those retries never cover 429, throw once
/// they run out, and would repeat a request inside one sweep. Retrying is the sweep's job, across runs,
/// with the attempt count stored.
/// </remarks>
public sealed partial class SendGridEmailSender : IEmailSender, IDisposable
{
    private readonly HttpClient _http;
    private readonly SendGridClient _client;
    private readonly TimeSpan _timeout;
    private readonly EmailAddress _from;
    private readonly ILogger<SendGridEmailSender> _logger;

    public SendGridEmailSender(
        IOptions<SendGridOptions> sendGrid,
        IOptions<EmailOptions> email,
        IOptions<ProgramOptions> program,
        ILogger<SendGridEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(sendGrid);
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(program);
        var settings = sendGrid.Value;
        var apiKey = string.IsNullOrWhiteSpace(settings.ApiKey)
            ? throw new InvalidOperationException("SendGrid:ApiKey is required to send through SendGrid.")
            : settings.ApiKey;

        // The time-out is enforced per request below, where it can be told apart from the caller's cancellation.
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var clientOptions = new SendGridClientOptions { ApiKey = apiKey };
        if (!string.IsNullOrWhiteSpace(settings.Host))
        {
            clientOptions.Host = settings.Host;
        }

        _client = new SendGridClient(_http, clientOptions);
        _timeout = settings.Timeout;
        _from = new EmailAddress(email.Value.FromAddress, string.IsNullOrWhiteSpace(email.Value.FromName) ? program.Value.Name : email.Value.FromName);
        _logger = logger;
    }

    public async Task<EmailSendResult> SendAsync(FollowUpEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var message = MailHelper.CreateSingleEmail(_from, new EmailAddress(email.To), email.Subject, email.Text, email.Html);
        message.Headers = new Dictionary<string, string>(email.Headers, StringComparer.OrdinalIgnoreCase);
        message.SetClickTracking(false, false);
        message.SetOpenTracking(false);
        message.SetSubscriptionTracking(false);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        Response response;
        try
        {
            response = await _client.SendEmailAsync(message, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(_logger, email.Id, _timeout);
            return new EmailSendResult.Transient("timeout");
        }
        catch (HttpRequestException exception) when (NeverSent(exception.HttpRequestError))
        {
            LogNetworkError(_logger, email.Id, exception.HttpRequestError);
            return new EmailSendResult.Transient("network-" + exception.HttpRequestError.ToString().ToLowerInvariant());
        }

        // Any other network failure (the connection dropped or the answer broke off after the request went out) is
        // left to escape: SendGrid may have accepted the email, and it has no idempotency key, so a retry could be
        // a second copy. The sweep records a sender that throws as unconfirmed and never sends it again.

        return await MapAsync(email, response, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Failures that happen before a connection exists, so SendGrid cannot have seen the request.</summary>
    private static bool NeverSent(HttpRequestError error) =>
        error is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;

    private async Task<EmailSendResult> MapAsync(FollowUpEmail email, Response response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            // 200 is sandbox mode: accepted, never delivered. It still must not be sent twice.
            var messageId = response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
            LogAccepted(_logger, email.Id, status);
            return new EmailSendResult.Accepted(messageId is null ? "sendgrid" : $"sendgrid:{messageId}");
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var retryAt = ReadReset(response);
            LogRateLimited(_logger, email.Id, retryAt);
            return new EmailSendResult.RateLimited(retryAt);
        }

        var fields = await ReadErrorFieldsAsync(response, cancellationToken);
        LogRejected(_logger, email.Id, status, fields);
        var reason = $"http-{status.ToString(CultureInfo.InvariantCulture)}";
        return status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout
            ? new EmailSendResult.Transient(reason)
            : new EmailSendResult.Permanent(fields.Length == 0 ? reason : $"{reason}:{fields}");
    }

    private static DateTimeOffset? ReadReset(Response response) =>
        response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epochSeconds)
            ? DateTimeOffset.FromUnixTimeSeconds(epochSeconds)
            : null;

    /// <summary>
    /// The names of the fields SendGrid complained about. Error messages are left out: they can quote
    /// the recipient's address.
    /// </summary>
    private static async Task<string> ReadErrorFieldsAsync(Response response, CancellationToken cancellationToken)
    {
        if (response.Body is null)
        {
            return "";
        }

        try
        {
            await using var stream = await response.Body.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            if (!document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                return "";
            }

            var names = errors.EnumerateArray()
                .Select(error => error.ValueKind == JsonValueKind.Object && error.TryGetProperty("field", out var field) && field.ValueKind == JsonValueKind.String ? field.GetString() : null)
                .Where(name => !string.IsNullOrEmpty(name) && !name.Contains('@', StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal);
            return string.Join(',', names);
        }
        catch (JsonException)
        {
            return "";
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "SendGrid accepted email {EmailId} with status {Status}")]
    private static partial void LogAccepted(ILogger logger, string emailId, int status);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "SendGrid rate-limited email {EmailId}; reset at {ResetAt}")]
    private static partial void LogRateLimited(ILogger logger, string emailId, DateTimeOffset? resetAt);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "SendGrid refused email {EmailId} with status {Status}; error fields: {Fields}")]
    private static partial void LogRejected(ILogger logger, string emailId, int status, string fields);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "SendGrid did not answer email {EmailId} within {Timeout}")]
    private static partial void LogTimedOut(ILogger logger, string emailId, TimeSpan timeout);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "SendGrid could not be reached for email {EmailId}: {Error}")]
    private static partial void LogNetworkError(ILogger logger, string emailId, HttpRequestError error);
}
