using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core.FollowUps;

/// <summary>
/// Builds the follow-up email of a conversation: the situation from the states the texter moved through,
/// the guidance and words from the script, and the operator's program details.
/// </summary>
public sealed class FollowUpComposer(
    FlowScript script,
    IFollowUpRenderer renderer,
    IOptions<ProgramOptions> program,
    IOptions<EmailOptions> email)
{
    /// <summary>Summarises the conversation. Uses only stored choices, never message text.</summary>
    public FollowUpSummary Summarize(Conversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var options = program.Value;
        var situationId = conversation.Situation ?? LastSituationOnPath(conversation);
        var situation = situationId is not null && script.Situations.TryGetValue(situationId, out var found) ? found : null;

        return new FollowUpSummary
        {
            Subject = situation is null
                ? $"Your interview notes from {options.Name}"
                : $"Your interview notes from {options.Name}: {situation.Title}",
            ProgramName = options.Name,
            ProgramUrl = options.Url,
            HelpContact = options.HelpContact,
            EmergencyNumber = options.EmergencyNumber,
            Situation = situation is null ? null : SummarizeSituation(situationId!, situation, conversation),
            Overview = situation is not null
                ? []
                : script.Situations.Values
                    .OrderBy(candidate => candidate.Number)
                    .Select(candidate => new SituationOverview(candidate.Title, candidate.Email.Summary))
                    .ToList(),
        };
    }

    /// <summary>Summarises and renders the conversation's email to <paramref name="to"/>.</summary>
    public FollowUpEmail Compose(Conversation conversation, string to)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        var summary = Summarize(conversation);
        var rendered = renderer.Render(summary);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            // Mail clients show an unsubscribe button for this; the line sends one email per request,
            // so a reply to the sender is the whole mechanism.
            ["List-Unsubscribe"] = $"<mailto:{email.Value.FromAddress}?subject=unsubscribe>",
        };
        return new FollowUpEmail(Guid.NewGuid().ToString("N")[..16], to, summary.Subject, rendered.Html, rendered.Text, headers);
    }

    private SituationSummary SummarizeSituation(string situationId, Situation situation, Conversation conversation)
    {
        var visited = conversation.Path
            .Where(script.HasState)
            .Select(script.State)
            .Where(state => state.Situation == situationId)
            .DistinctBy(state => state.Id)
            .ToList();

        // Someone who asked for email straight after picking a situation still gets its opening advice.
        if (visited.Count == 0 && script.HasState(situation.Entry))
        {
            visited.Add(script.State(situation.Entry));
        }

        return new SituationSummary
        {
            Title = situation.Title,
            Summary = Fill(situation.Email.Summary),
            AdviceGiven = visited.Where(state => state.Kind == StateKind.Guidance).Select(state => Fill(state.Text)).ToList(),
            Guidance = situation.Email.Guidance.Select(Fill).ToList(),
            Words = visited.Where(state => !string.IsNullOrWhiteSpace(state.Words)).Select(state => Fill(state.Words!)).Distinct().ToList(),
            TemplateSubject = Fill(situation.Email.TemplateSubject),
            TemplateParagraphs = Paragraphs(Fill(situation.Email.TemplateBody)),
            Prompts = situation.Email.Prompts.Select(Fill).ToList(),
        };
    }

    private string? LastSituationOnPath(Conversation conversation)
    {
        for (var i = conversation.Path.Count - 1; i >= 0; i--)
        {
            if (script.HasState(conversation.Path[i]) && script.State(conversation.Path[i]).Situation is { } situation)
            {
                return situation;
            }
        }

        return null;
    }

    private string Fill(string text)
    {
        var options = program.Value;
        return Placeholders.Fill(text, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Placeholders.ProgramName] = options.Name,
            [Placeholders.HelpContact] = options.HelpContact,
            [Placeholders.ProgramUrl] = options.Url,
            [Placeholders.EmergencyNumber] = options.EmergencyNumber,
        });
    }

    private static List<string> Paragraphs(string body) =>
        body.ReplaceLineEndings("\n")
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
}
