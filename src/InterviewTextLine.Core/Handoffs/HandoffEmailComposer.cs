using System.Globalization;
using System.Net;
using System.Text;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Storage;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core.Handoffs;

/// <summary>
/// The email a call-back request becomes, to <c>Handoff:Email</c>: the number, the texter's language, the situations
/// they went through by name and in order (never what they wrote), when they asked and what they were told about when
/// to expect contact. Plain text and a small HTML part with every value encoded.
/// </summary>
public sealed class HandoffEmailComposer(FlowScripts scripts, Languages.LanguageRegistry languages, IOptions<ProgramOptions> program, IOptions<HandoffOptions> options)
{
    private const string NoSituation = "They asked before picking a situation.";

    /// <summary>The email of <paramref name="entry"/> for the texter at <paramref name="number"/>.</summary>
    public FollowUpEmail Compose(HandoffEntry entry, string number)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(number);
        var settings = options.Value;
        var hours = settings.OfficeHours();
        var asked = TimeZoneInfo.ConvertTime(entry.RequestedAt, hours.Zone);
        var reference = entry.RequestId[..12];
        var situations = entry.Situations
            .Select(id => scripts.Default.Situations.TryGetValue(id, out var situation) ? situation.Title : id)
            .ToList();
        var lines = new List<(string Label, string Value)>
        {
            ("Number", number),
            ("Language", languages.Find(entry.Language) is { } language ? $"{language.Name} ({language.Code})" : entry.Language is { Length: > 0 } code ? code : "not recorded"),
            ("Asked at", asked.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " " + hours.Zone.Id + " (" + entry.RequestedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture) + ")"),
            ("Told to expect contact", hours.Describe(entry.RequestedAt, scripts.Default.Words.Time)),
            ("Reference", reference),
        };
        var intro = $"A texter on the {program.Value.Name} interview text line asked for a person to contact them, and said YES to sharing their number.";
        var note = "The line keeps no copy of this number: this email is the only record, and the texter's FORGET cannot reach it. "
            + "Call or text them, keep the email as you keep case notes, and delete it when the contact is done. "
            + "If the list includes \"You felt unsafe\", follow the runbook's steps after danger.";
        return new FollowUpEmail(
            "handoff-" + reference,
            settings.Email!,
            $"Call-back request from the text line ({reference})",
            Html(intro, lines, situations, note),
            Text(intro, lines, situations, note),
            new Dictionary<string, string>(StringComparer.Ordinal));
    }

    private static string Text(string intro, List<(string Label, string Value)> lines, List<string> situations, string note)
    {
        var text = new StringBuilder().AppendLine(intro).AppendLine();
        foreach (var (label, value) in lines)
        {
            text.Append(label).Append(": ").AppendLine(value);
        }

        text.AppendLine().AppendLine(situations.Count == 0 ? NoSituation : "What they went through, in order:");
        for (var i = 0; i < situations.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i + 1}. ").AppendLine(situations[i]);
        }

        return text.AppendLine().AppendLine(note).ToString();
    }

    private static string Html(string intro, List<(string Label, string Value)> lines, List<string> situations, string note)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><body><p>").Append(WebUtility.HtmlEncode(intro)).Append("</p><table>");
        foreach (var (label, value) in lines)
        {
            html.Append("<tr><th align=\"left\">").Append(WebUtility.HtmlEncode(label)).Append("</th><td>").Append(WebUtility.HtmlEncode(value)).Append("</td></tr>");
        }

        html.Append("</table><p>").Append(WebUtility.HtmlEncode(situations.Count == 0 ? NoSituation : "What they went through, in order:")).Append("</p><ol>");
        foreach (var situation in situations)
        {
            html.Append("<li>").Append(WebUtility.HtmlEncode(situation)).Append("</li>");
        }

        return html.Append("</ol><p>").Append(WebUtility.HtmlEncode(note)).Append("</p></body></html>").ToString();
    }
}
