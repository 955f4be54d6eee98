using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Diagnostics;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Sms;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// <c>POST /api/sms/fallback</c>, the URL Twilio calls when the main webhook fails or times out. It touches
/// no storage and no conversation, so it still answers when those are what failed. It is behind the same gate as
/// the main route (<see cref="TwilioWebhookGate"/>: limits, signature), so a text the main route answers politely
/// (a control character, say) gets the apology here, never a 4xx.
/// </summary>
public sealed class SmsFallbackHandler(
    IOptions<ProgramOptions> program,
    FlowScripts scripts,
    TextLineMetrics metrics,
    ILogger<SmsFallbackHandler> logger) : ITwilioWebhookHandler
{
    /// <summary>
    /// The fallback's one reply: message 'fallback' of the default language's script (the first registered; the
    /// fallback reads nothing but the form, so it cannot know the texter's), with the program's settings filled in.
    /// It is read on every request, so a published script version replaces it as it replaces every other message.
    /// The lint holds it to what it must be (<c>FlowValidator.Fallback.cs</c>): it leads with the safety line, because
    /// whoever is answered here may be texting about danger ("he has a gun") while storage is down and the first words
    /// they see must say what to do about it, and it is GSM-7 and one segment with the longest help contact and
    /// emergency number the options allow.
    /// </summary>
    public string ApologyText =>
        SmsNormalizer.WithoutAccentsGsm7Lacks(Placeholders.Fill(scripts.Default.Message(MessageKeys.Fallback), Placeholders.Of(program.Value)));

    /// <summary>None of its own: the fallback reads nothing but the form, and Twilio's fallback call has its own limit.</summary>
    public TimeSpan? Deadline => null;

    public Task<IResult> HandleAsync(TwilioWebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        metrics.FallbackServed();
        WebhookLog.FallbackUsed(logger, request.AcceptableMessageSid ?? "(none)");
        // Twilio has already blocked the number after an opt-out word and still forwards it, so any reply would fail:
        // the fallback stays silent exactly when the line does, by the line's own reading of the word.
        return Task.FromResult(TwimlResults.Reply(scripts.Keywords.IsOptOut(request.Body) ? null : ApologyText));
    }
}
