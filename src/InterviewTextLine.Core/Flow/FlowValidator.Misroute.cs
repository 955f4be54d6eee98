using InterviewTextLine.Core.Sms;

namespace InterviewTextLine.Core.Flow;

/// <summary>The apology for WRONG and where the word is taught.</summary>
public static partial class FlowValidator
{
    /// <summary>
    /// The apology for WRONG is sent with the welcome menu after it, so the two together must fit a prompt's budget
    /// with the longest settings; and HELP names the script's word for WRONG, the one place it is taught (not every
    /// reply: it would cost every texter a segment for what few need).
    /// </summary>
    private static void CheckMisroute(FlowScript script, List<string> problems)
    {
        if (!script.Messages.TryGetValue(MessageKeys.Misrouted, out var apology))
        {
            problems.Add($"The script has no '{MessageKeys.Misrouted}' message (the apology for {MisrouteWord(script)}).");
            return;
        }

        if (script.HasState(script.Start))
        {
            var cost = SegmentsWithLongestSettings(apology + "\n" + script.State(script.Start).Text);
            if (cost.Count > PromptSegments)
            {
                problems.Add($"Message '{MessageKeys.Misrouted}' with the welcome after it takes {cost.Count} SMS segments ({cost.Units} characters with the longest settings); the budget is {PromptSegments} ({SmsSegments.Gsm7Capacity(PromptSegments)} characters).");
            }
        }

        if (script.Messages.TryGetValue(MessageKeys.Help, out var help) && !help.Contains(MisrouteWord(script), StringComparison.Ordinal))
        {
            problems.Add($"Message '{MessageKeys.Help}' does not teach {MisrouteWord(script)} (for advice that did not fit).");
        }
    }

    /// <summary>The word the script teaches for a misroute: its command word for WRONG (ERROR in Spanish).</summary>
    public static string MisrouteWord(FlowScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        return script.CommandWord("WRONG");
    }
}
