using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// <c>POST /api/sms/fallback</c>, the URL Twilio calls when the main webhook fails or times out. It touches
/// no storage and no conversation, so it still answers when those are what failed. It reads the form through
/// the same gate as the main route (limits, signature), so a text the main route answers politely (a control
/// character, say) gets the apology here, never a 4xx.
/// </summary>
public sealed class SmsFallbackHandler(
    TwilioSignatureValidator validator,
    IOptions<ProgramOptions> program,
    TextLineMetrics metrics,
    ILogger<SmsFallbackHandler> logger)
{
    /// <summary>
    /// The apology, GSM-7 and one segment with the longest help contact and emergency number the options allow.
    /// </summary>
    public string ApologyText => Apology(program.Value.HelpContact, program.Value.EmergencyNumber);

    /// <summary>
    /// The fallback's one reply. It leads with the safety line because the fallback cannot read the text: whoever
    /// is answered here may be texting about danger ("he has a gun") while storage is down, and the first words
    /// they see must say what to do about it.
    /// </summary>
    public static string Apology(string helpContact, string emergencyNumber) =>
        $"Unsafe? Call {emergencyNumber}. Sorry, the line is having trouble; please text again in a few minutes. For help now, contact {helpContact}";

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
        // Twilio has already blocked the number after an opt-out word and still forwards it, so any reply would fail:
        // the fallback stays silent exactly when the line does, by the line's own reading of the word.
        return TwimlResults.Reply(Keywords.IsOptOut(form["Body"].ToString()) ? null : ApologyText);
    }
}
