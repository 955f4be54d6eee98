using System.Diagnostics.Metrics;

namespace InterviewTextLine.Core.Diagnostics;

/// <summary>
/// The line's OpenTelemetry instruments, meter <see cref="MeterName"/>. The operations workbook and the alert
/// rules query these names and tags in Application Insights (<c>customMetrics</c>), so they must not change
/// without changing <c>infra/app/workbook.bicep</c>, <c>infra/app/alerts.bicep</c> and docs/operations.md.
/// </summary>
/// <remarks>
/// Every tag value is one of a fixed set (an outcome, a status code, a situation id from the script): no tag
/// ever carries a phone number, an email address or message text.
/// </remarks>
public sealed class TextLineMetrics
{
    public const string MeterName = "InterviewTextLine";

    private readonly Counter<long> _texts;
    private readonly Counter<long> _newTexters;
    private readonly Counter<long> _situationsEntered;
    private readonly Counter<long> _understanding;
    private readonly Counter<long> _optOuts;
    private readonly Counter<long> _optIns;
    private readonly Counter<long> _help;
    private readonly Counter<long> _followUps;
    private readonly Counter<long> _webhookResponses;
    private readonly Counter<long> _fallbackServed;
    private readonly Counter<long> _storageConflicts;
    private readonly Counter<long> _sweepRuns;
    private readonly Counter<long> _limits;
    private readonly Counter<long> _unreadable;
    private readonly Counter<long> _handoffs;
    private readonly Histogram<double> _handlerDuration;
    private readonly Histogram<double> _classifyDuration;

    public TextLineMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _texts = meter.CreateCounter<long>("textline.texts", description: "Texts the webhook handled, by outcome.");
        _newTexters = meter.CreateCounter<long>("textline.texters.new", description: "First texts from a number the line does not know.");
        _situationsEntered = meter.CreateCounter<long>("textline.situations.entered", description: "Situations entered, by situation id.");
        _understanding = meter.CreateCounter<long>("textline.understanding", description: "How each text was read: understood, clarifying or not understood.");
        _optOuts = meter.CreateCounter<long>("textline.optouts", description: "Opt-outs (STOP and the other opt-out words).");
        _optIns = meter.CreateCounter<long>("textline.optins", description: "Opt-ins after an opt-out.");
        _help = meter.CreateCounter<long>("textline.help", description: "HELP and INFO.");
        _followUps = meter.CreateCounter<long>("textline.followups", description: "Follow-up emails, by outcome.");
        _webhookResponses = meter.CreateCounter<long>("textline.webhook.responses", description: "Webhook answers, by HTTP status.");
        _fallbackServed = meter.CreateCounter<long>("textline.fallback.served", description: "Answers from the fallback URL.");
        _storageConflicts = meter.CreateCounter<long>("textline.storage.conflicts", description: "Concurrent writes that had to be retried.");
        _sweepRuns = meter.CreateCounter<long>("textline.sweep.runs", description: "Follow-up sweep runs.");
        _limits = meter.CreateCounter<long>("textline.limits", description: "Texts that ran into a cap, by cap: replies, help, summaries or addresses.");
        _unreadable = meter.CreateCounter<long>("textline.storage.unreadable", description: "Stored conversations that could not be read: the texter started afresh and the row was replaced.");
        _handoffs = meter.CreateCounter<long>("textline.handoffs", description: "Requests for a person, by outcome: asked, consented, declined, refused, contact_only, sent, retried, failed or dropped.");
        _handlerDuration = meter.CreateHistogram<double>("textline.handler.duration", unit: "ms", description: "Time to handle one text.");
        _classifyDuration = meter.CreateHistogram<double>("textline.classify.duration", unit: "ms", description: "Time to classify one text and decide the reply.");
    }

    public void TextHandled(TextOutcome outcome) => _texts.Add(1, new KeyValuePair<string, object?>("outcome", outcome switch
    {
        TextOutcome.Advanced => "advanced",
        TextOutcome.ReplyOnly => "reply_only",
        TextOutcome.Duplicate => "duplicate",
        TextOutcome.IgnoredOptedOut => "ignored_opted_out",
        TextOutcome.Forgotten => "forgotten",
        TextOutcome.Capped => "capped",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    }));

    /// <summary>A text ran into one of the caps of <see cref="Configuration.LimitsOptions"/>.</summary>
    public void LimitReached(Conversations.LimitKind limit) => _limits.Add(1, new KeyValuePair<string, object?>("limit", limit switch
    {
        Conversations.LimitKind.Replies => "replies",
        Conversations.LimitKind.Summaries => "summaries",
        Conversations.LimitKind.Addresses => "addresses",
        Conversations.LimitKind.Help => "help",
        _ => throw new ArgumentOutOfRangeException(nameof(limit)),
    }));

    /// <summary>A stored conversation could not be read, so its texter started afresh.</summary>
    public void UnreadableConversation() => _unreadable.Add(1);

    public void NewTexter() => _newTexters.Add(1);

    /// <param name="situation">A situation id from the flow script; never anything the texter wrote.</param>
    public void SituationEntered(string situation) => _situationsEntered.Add(1, new KeyValuePair<string, object?>("situation", situation));

    public void Understanding(UnderstandingResult result) => _understanding.Add(1, new KeyValuePair<string, object?>("result", result switch
    {
        UnderstandingResult.Understood => "understood",
        UnderstandingResult.Clarifying => "clarifying",
        UnderstandingResult.NotUnderstood => "not_understood",
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    }));

    public void OptOut() => _optOuts.Add(1);

    public void OptIn() => _optIns.Add(1);

    public void Help() => _help.Add(1);

    public void FollowUp(FollowUpOutcome outcome) => _followUps.Add(1, new KeyValuePair<string, object?>("outcome", outcome switch
    {
        FollowUpOutcome.Scheduled => "scheduled",
        FollowUpOutcome.Cancelled => "cancelled",
        FollowUpOutcome.Sent => "sent",
        FollowUpOutcome.Failed => "failed",
        FollowUpOutcome.Retried => "retried",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    }));

    /// <summary>A step of a request for a person: TALK asked, YES, NO, refused for the day, and the sender's outcomes.</summary>
    public void Handoff(HandoffOutcome outcome) => _handoffs.Add(1, new KeyValuePair<string, object?>("outcome", outcome switch
    {
        HandoffOutcome.Asked => "asked",
        HandoffOutcome.Consented => "consented",
        HandoffOutcome.Declined => "declined",
        HandoffOutcome.Refused => "refused",
        HandoffOutcome.ContactOnly => "contact_only",
        HandoffOutcome.Sent => "sent",
        HandoffOutcome.Retried => "retried",
        HandoffOutcome.Failed => "failed",
        HandoffOutcome.Dropped => "dropped",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    }));

    public void WebhookResponse(int statusCode) =>
        _webhookResponses.Add(1, new KeyValuePair<string, object?>("status", statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public void FallbackServed() => _fallbackServed.Add(1);

    public void StorageConflict() => _storageConflicts.Add(1);

    public void SweepRun() => _sweepRuns.Add(1);

    public void HandlerDuration(TimeSpan elapsed) => _handlerDuration.Record(elapsed.TotalMilliseconds);

    public void ClassifyDuration(TimeSpan elapsed) => _classifyDuration.Record(elapsed.TotalMilliseconds);
}

/// <summary>What became of one inbound text (the <c>outcome</c> tag of <c>textline.texts</c>).</summary>
public enum TextOutcome
{
    /// <summary>The conversation moved to another state (or started).</summary>
    Advanced,

    /// <summary>Answered without moving: HELP, WORDS, a hint, a question back, unusable input.</summary>
    ReplyOnly,

    /// <summary>Not answered and not applied: the number is past its reply cap.</summary>
    Capped,

    /// <summary>A re-delivery of a message already handled; the first reply was sent again.</summary>
    Duplicate,

    /// <summary>Ignored because the texter has opted out.</summary>
    IgnoredOptedOut,

    /// <summary>FORGET: everything about the texter was erased.</summary>
    Forgotten,
}

/// <summary>How a text was read (the <c>result</c> tag of <c>textline.understanding</c>).</summary>
public enum UnderstandingResult
{
    Understood,
    Clarifying,
    NotUnderstood,
}

/// <summary>What happened to a follow-up email (the <c>outcome</c> tag of <c>textline.followups</c>).</summary>
public enum FollowUpOutcome
{
    Scheduled,
    Cancelled,
    Sent,
    Failed,
    Retried,
}

/// <summary>What happened to a request for a person (the <c>outcome</c> tag of <c>textline.handoffs</c>).</summary>
public enum HandoffOutcome
{
    /// <summary>TALK got the consent question: a request.</summary>
    Asked,

    /// <summary>YES: the request is in the outbox.</summary>
    Consented,

    Declined,

    /// <summary>The number already had its handoff today.</summary>
    Refused,

    /// <summary>The feature is off: TALK got the contact details.</summary>
    ContactOnly,

    Sent,
    Retried,
    Failed,

    /// <summary>Cancelled by STOP or FORGET, or never saved: deleted unsent.</summary>
    Dropped,
}
