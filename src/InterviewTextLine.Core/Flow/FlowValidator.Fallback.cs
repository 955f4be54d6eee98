namespace InterviewTextLine.Core.Flow;

/// <summary>The checks of the fallback URL's apology (message 'fallback').</summary>
public static partial class FlowValidator
{
    /// <summary>
    /// The fallback's apology: one segment, as it answers every text that reaches the fallback URL, and a texter in
    /// trouble should not have to wait for a second part (its budget is checked with the other messages).
    /// </summary>
    public const int FallbackSegments = 1;

    /// <summary>
    /// How far into the apology, with the longest emergency number, the number must end: room for a short question
    /// and "call" in any language ("¿Peligro? Llama al 911."), and little enough that the number is among the first
    /// words read, whatever comes before it.
    /// </summary>
    public const int FallbackSafetyLead = 32;

    /// <summary>
    /// The fallback cannot read the text it answers, so whoever it answers may be texting about danger while the line
    /// is down: the apology leads with the safety line, naming {EmergencyNumber} before anything else, and names
    /// {HelpContact}, the one way to a person while the line cannot answer. The line answers the fallback in the
    /// default language's script, so every script needs one: a translation becomes the default when its language is
    /// registered first.
    /// </summary>
    private static void CheckFallback(FlowScript script, List<string> problems)
    {
        if (!script.Messages.TryGetValue(MessageKeys.Fallback, out var apology))
        {
            problems.Add($"The script has no '{MessageKeys.Fallback}' message (the fallback URL's apology, which leads with {{{Placeholders.EmergencyNumber}}}).");
            return;
        }

        var names = Placeholders.Names(apology).ToList();
        if (!names.Contains(Placeholders.EmergencyNumber))
        {
            problems.Add($"Message '{MessageKeys.Fallback}' must name {{{Placeholders.EmergencyNumber}}}: the fallback cannot read the text, so its reply leads with the safety line.");
        }
        else if (names[0] != Placeholders.EmergencyNumber || EndOfFirst(apology, Placeholders.EmergencyNumber) > FallbackSafetyLead)
        {
            problems.Add($"Message '{MessageKeys.Fallback}' must lead with the safety line: {{{Placeholders.EmergencyNumber}}} first, ending within its first {FallbackSafetyLead} characters (with the longest number).");
        }

        if (!names.Contains(Placeholders.HelpContact))
        {
            problems.Add($"Message '{MessageKeys.Fallback}' must name the help contact {{{Placeholders.HelpContact}}}: it is the one way to a person while the line cannot answer.");
        }
    }

    /// <summary>Where the first <paramref name="name"/> ends with its longest value, when no placeholder comes before it.</summary>
    private static int EndOfFirst(string text, string name) =>
        text.IndexOf("{" + name + "}", StringComparison.Ordinal) + Placeholders.MaxLengths[name];
}
