namespace InterviewTextLine.Core.Flow;

/// <summary>The checks of the warm handoff's texts: what the consent question must say, and where TALK is offered.</summary>
public static partial class FlowValidator
{
    /// <summary>
    /// The consent question names the program, when to expect contact and that FORGET cannot recall a sent request,
    /// so the texter knows what YES gives away; the closing and every step after the danger advice offer TALK, where
    /// a person helps most.
    /// </summary>
    private static void CheckTalk(FlowScript script, List<string> problems)
    {
        var talk = script.CommandWord("TALK");
        if (script.Messages.TryGetValue(MessageKeys.TalkConsent, out var consent))
        {
            var names = Placeholders.Names(consent).ToHashSet(StringComparer.Ordinal);
            if (!names.Contains(Placeholders.ProgramName) || !names.Contains(Placeholders.When))
            {
                problems.Add($"Message '{MessageKeys.TalkConsent}' must name the program {{{Placeholders.ProgramName}}} and when to expect contact {{{Placeholders.When}}}.");
            }

            if (!Mentions(consent, script.CommandWord("FORGET")))
            {
                problems.Add($"Message '{MessageKeys.TalkConsent}' must say that {script.CommandWord("FORGET")} cannot recall a request once it is sent.");
            }
        }

        var offering = script.States.Where(state => state.Id == script.Done
            || (script.Urgent is { } urgent && state.Situation == urgent && script.Situations.TryGetValue(urgent, out var danger) && state.Id != danger.Entry));
        foreach (var state in offering.Where(state => !Mentions(state.Text, talk)))
        {
            problems.Add($"State '{state.Id}' text must offer {talk}: a person helps most there.");
        }
    }
}
