using System.Diagnostics.Metrics;
using System.Globalization;

namespace InterviewTextLine.Core.Diagnostics;

/// <summary>
/// What operators learn from traffic without anything a texter wrote: the funnel through the script's states, how
/// texts were understood in each language, misroutes (WRONG), deliveries Twilio reported, and published script
/// versions taken or refused. Same meter as <see cref="TextLineMetrics"/> (<see cref="TextLineMetrics.MeterName"/>);
/// the workbook, the alerts and docs/operations.md read these names and tags.
/// </summary>
/// <remarks>
/// Every tag value is a script id (a state, a situation, a language), a fixed lower-case word or a Twilio error code
/// of digits only: never a number, an address or message text. A value that is none of these becomes <c>other</c>.
/// </remarks>
public sealed class InsightMetrics
{
    private readonly Counter<long> _entered;
    private readonly Counter<long> _left;
    private readonly Counter<long> _quiet;
    private readonly Counter<long> _understandingSource;
    private readonly Counter<long> _questionBacks;
    private readonly Counter<long> _misroutes;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _scriptVersions;

    public InsightMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(TextLineMetrics.MeterName);
        _entered = meter.CreateCounter<long>("textline.funnel.entered", description: "Conversations that entered a state, by state id.");
        _left = meter.CreateCounter<long>("textline.funnel.left", description: "Conversations that left a state for another, by state id, the state they went to and how (reply, situation, command).");
        _quiet = meter.CreateCounter<long>("textline.funnel.quiet", description: "Conversations that went quiet in a state: they expired there, or the retention sweep deleted them there.");
        _understandingSource = meter.CreateCounter<long>("textline.understanding.source", description: "How each text past the exact keywords was read, by language: rule, model, question_back or not_understood.");
        _questionBacks = meter.CreateCounter<long>("textline.questionbacks.answered", description: "Texts that followed a question back, by language and whether they were understood (answered yes or no).");
        _misroutes = meter.CreateCounter<long>("textline.misroutes", description: "WRONG (or ERROR) right after advice: the situation the line gave advice for, by situation id and language.");
        _deliveries = meter.CreateCounter<long>("textline.deliveries", description: "Delivery reports from Twilio's status callback, by status and error code.");
        _scriptVersions = meter.CreateCounter<long>("textline.scripts.versions", description: "Published script versions the line took (switched) or refused (refused), by result.");
    }

    /// <param name="state">A state id from the flow script.</param>
    public void Entered(string state) => _entered.Add(1, Tag("state", state));

    /// <param name="state">The state left (a script id).</param>
    /// <param name="to">The state gone to (a script id).</param>
    /// <param name="how">How: <c>reply</c>, <c>situation</c>, <c>command</c> or <c>other</c>.</param>
    public void Left(string state, string to, string how) => _left.Add(1, Tag("state", state), Tag("to", to), Tag("how", how));

    /// <param name="state">The state the conversation was in when it went quiet (a script id).</param>
    public void Quiet(string state) => _quiet.Add(1, Tag("state", state));

    public void UnderstandingSource(string language, UnderstandingSource source) =>
        _understandingSource.Add(1, Tag("language", language), new KeyValuePair<string, object?>("source", source switch
        {
            Diagnostics.UnderstandingSource.Rule => "rule",
            Diagnostics.UnderstandingSource.Model => "model",
            Diagnostics.UnderstandingSource.QuestionBack => "question_back",
            Diagnostics.UnderstandingSource.NotUnderstood => "not_understood",
            _ => throw new ArgumentOutOfRangeException(nameof(source)),
        }));

    /// <summary>A text right after a question back: was it understood this time?</summary>
    public void QuestionBackAnswered(string language, bool answered) =>
        _questionBacks.Add(1, Tag("language", language), new KeyValuePair<string, object?>("answered", answered ? "yes" : "no"));

    /// <param name="situation">The situation id whose advice the texter said was wrong.</param>
    /// <param name="language">The language of the conversation.</param>
    public void Misroute(string situation, string language) => _misroutes.Add(1, Tag("situation", situation), Tag("language", language));

    /// <summary>One status callback from Twilio.</summary>
    /// <param name="status">Twilio's <c>MessageStatus</c>; anything outside its fixed set is counted as <c>other</c>.</param>
    /// <param name="errorCode">Twilio's <c>ErrorCode</c> (digits), or null: <c>none</c>.</param>
    public void Delivery(string? status, string? errorCode) => _deliveries.Add(
        1,
        new KeyValuePair<string, object?>("status", status is not null && DeliveryStatuses.Contains(status) ? status : "other"),
        new KeyValuePair<string, object?>("error_code", ErrorCode(errorCode)));

    /// <summary>A published script version was taken (<paramref name="switched"/>) or refused.</summary>
    public void ScriptVersion(bool switched) => _scriptVersions.Add(1, new KeyValuePair<string, object?>("result", switched ? "switched" : "refused"));

    /// <summary>Twilio's message statuses (MessageStatus); nothing else becomes a tag.</summary>
    public static IReadOnlySet<string> DeliveryStatuses { get; } = new HashSet<string>(StringComparer.Ordinal)
        { "accepted", "scheduled", "canceled", "queued", "sending", "sent", "failed", "delivered", "undelivered", "receiving", "received", "read" };

    /// <summary>An error code as a tag: up to six digits, <c>none</c> when absent, <c>other</c> for anything else.</summary>
    public static string ErrorCode(string? errorCode) =>
        string.IsNullOrEmpty(errorCode) ? "none"
        : errorCode.Length <= 6 && errorCode.All(char.IsAsciiDigit) ? int.Parse(errorCode, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
        : "other";

    /// <summary>A script id as a tag; anything that is not one (it never is) becomes <c>other</c>.</summary>
    private static KeyValuePair<string, object?> Tag(string key, string value) =>
        new(key, value.Length is > 0 and <= 40 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') ? value : "other");
}

/// <summary>How a text past the exact keywords was read (the <c>source</c> tag of <c>textline.understanding.source</c>).</summary>
public enum UnderstandingSource
{
    /// <summary>A rule: a keyword, a number, a reply, an address, a sure danger phrase.</summary>
    Rule,

    /// <summary>The trained classifier and its decision policy.</summary>
    Model,

    /// <summary>Unsure between two situations: the line asked back.</summary>
    QuestionBack,

    /// <summary>Nothing the line could act on.</summary>
    NotUnderstood,
}
