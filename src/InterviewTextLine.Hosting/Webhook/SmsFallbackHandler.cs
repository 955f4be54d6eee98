using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// <c>POST /api/sms/fallback</c>, the URL Twilio calls when the main webhook fails or times out. It touches
/// no storage and no conversation, so it still answers when those are what failed.
/// </summary>
public sealed class SmsFallbackHandler(
    TwilioSignatureValidator validator,
    IOptions<ProgramOptions> program,
    TextLineMetrics metrics,
    ILogger<SmsFallbackHandler> logger)
{
    /// <summary>
    /// Twilio's opt-out words. Twilio still forwards them, and it has already blocked the number, so any reply
    /// would fail; the fallback stays silent for them as the main line does.
    /// </summary>
    private static readonly HashSet<string> OptOutWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT",
    };

    /// <summary>
    /// The apology, GSM-7 and one segment with the longest help contact the options allow.
    /// </summary>
    public string ApologyText => Apology(program.Value.HelpContact);

    public static string Apology(string helpContact) =>
        $"Sorry, the line is having trouble right now. Please text again in a few minutes. For help now, contact {helpContact}";

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken) =>
        TwilioWebhookRequest.Counted(metrics, await AnswerAsync(request, cancellationToken));

    private async Task<IResult> AnswerAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (form, rejection) = await TwilioWebhookRequest.ReadSignedFormAsync(request, validator, logger, cancellationToken);
        if (form is null)
        {
            return rejection!;
        }

        var messageSid = TwilioWebhookRequest.Field(form, "MessageSid");
        metrics.FallbackServed();
        WebhookLog.FallbackUsed(logger, messageSid is not null && TwilioWebhookRequest.IsAcceptableMessageSid(messageSid) ? messageSid : "(none)");
        var body = form["Body"].ToString().Trim();
        return TwimlResults.Reply(OptOutWords.Contains(body) ? null : ApologyText);
    }
}
