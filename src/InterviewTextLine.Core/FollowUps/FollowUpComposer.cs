using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Core.FollowUps;

/// <summary>
/// Builds the follow-up email of a conversation as a letter: each situation the texter went through, in
/// order, with its advice (and what they were told at the steps they reached), the words to say, a
/// short email to adapt and questions to reflect on, from the script's email content and the
/// operator's program details. The SMS texts themselves, with their "Reply ..." instructions, stay out.
/// </summary>
/// <remarks>The letter is in the texter's language, from that language's script and templates.</remarks>
public sealed class FollowUpComposer(
    FlowScripts scripts,
    IFollowUpRenderer renderer,
    IOptions<ProgramOptions> program,
    IOptions<EmailOptions> email)
{
    /// <summary>Summarises the conversation. Uses only stored choices, never message text.</summary>
    public FollowUpSummary Summarize(Conversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var options = program.Value;
        var script = scripts.For(conversation.Language);
        var situations = Visited(script, conversation)
            .Select(id => SummarizeSituation(script, id, script.Situations[id], conversation))
            .ToList();
        // The subject names no situation: inbox previews, lock screens and shared mailboxes show it to anyone nearby.
        var subject = script.Words.FollowUpSubject.Replace("{" + Placeholders.ProgramName + "}", options.Name, StringComparison.Ordinal);

        return new FollowUpSummary
        {
            Language = script.Language,
            Subject = subject,
            ProgramName = options.Name,
            ProgramUrl = options.Url,
            HelpContact = options.HelpContact,
            EmergencyNumber = options.EmergencyNumber,
            Situations = situations,
            Overview = situations.Count > 0
                ? []
                : script.Situations.Values
                    .OrderBy(candidate => candidate.Number ?? int.MaxValue)
                    .Select(candidate => new SituationOverview(candidate.Title, Paragraphs(candidate.Email.Summary)))
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

    /// <summary>
    /// The situations the texter went through, in order. A conversation stored before the line kept them
    /// has only its path (and its last situation) to go on.
    /// </summary>
    private static List<string> Visited(FlowScript script, Conversation conversation)
    {
        var known = conversation.Situations.Where(script.Situations.ContainsKey).Distinct().ToList();
        if (known.Count > 0)
        {
            return known;
        }

        var onPath = conversation.Path
            .Where(script.HasState)
            .Select(id => script.State(id).Situation)
            .OfType<string>()
            .Where(script.Situations.ContainsKey)
            .Distinct()
            .ToList();
        if (onPath.Count == 0 && conversation.Situation is { } last && script.Situations.ContainsKey(last))
        {
            onPath.Add(last);
        }

        return onPath;
    }

    private SituationSummary SummarizeSituation(FlowScript script, string situationId, Situation situation, Conversation conversation)
    {
        var visited = conversation.Path
            .Where(script.HasState)
            .Select(script.State)
            .Where(state => state.Situation == situationId)
            .DistinctBy(state => state.Id)
            .ToList();

        // Someone who asked for email straight after picking a situation still gets its opening words.
        if (visited.Count == 0 && script.HasState(situation.Entry))
        {
            visited.Add(script.State(situation.Entry));
        }

        var steps = visited
            .Select(state => situation.Email.Steps.GetValueOrDefault(state.Id))
            .OfType<string>();

        return new SituationSummary
        {
            Title = situation.Title,
            Summary = Paragraphs(situation.Email.Summary),
            Advice = [.. situation.Email.Guidance.Concat(steps).SelectMany(Paragraphs)],
            Words = [.. visited.Select(state => state.Words).OfType<string>().Distinct().SelectMany(Paragraphs)],
            TemplateIntro = Paragraphs(situation.Email.TemplateIntro),
            TemplateSubject = Fill(situation.Email.TemplateSubject),
            TemplateParagraphs = Paragraphs(situation.Email.TemplateBody),
            Prompts = situation.Email.Prompts.Select(Fill).ToList(),
        };
    }

    private string Fill(string text) => Placeholders.Fill(text, Placeholders.Of(program.Value));

    private IReadOnlyList<Paragraph> Paragraphs(string text) => Paragraph.Split(Fill(text));
}
