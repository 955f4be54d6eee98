using System.Text;

namespace InterviewTextLine.Core.Flow;

/// <summary>Draws the flow as a Mermaid state diagram, for the README and <c>textline flow</c>.</summary>
public static class MermaidWriter
{
    public static string Write(FlowScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var builder = new StringBuilder();
        builder.AppendLine("stateDiagram-v2");
        foreach (var state in script.States)
        {
            builder.AppendLine($"    state \"{Label(script, state)}\" as {state.Id}");
        }

        builder.AppendLine($"    [*] --> {script.Start}");
        foreach (var (id, situation) in script.Situations.OrderBy(pair => pair.Value.Number ?? int.MaxValue))
        {
            builder.AppendLine(situation.Number is { } number
                ? $"    {script.Start} --> {situation.Entry} : {number} or meaning"
                : $"    {script.Start} --> {situation.Entry} : {(id == script.Urgent ? "danger, from any state" : "meaning")}");
        }

        foreach (var state in script.States)
        {
            foreach (var option in state.Options)
            {
                builder.AppendLine($"    {state.Id} --> {option.Goto} : {option.Reply}");
            }
        }

        foreach (var state in script.States.Where(state => state.Kind == StateKind.Guidance && state.Options.Count == 0))
        {
            builder.AppendLine($"    {state.Id} --> {script.Done} : DONE");
        }

        builder.AppendLine($"    {script.Done} --> {script.Start} : MENU");
        builder.AppendLine($"    note right of {script.Start}");
        var numbers = script.Situations.Values.Where(s => s.Number is not null).Select(s => s.Number!.Value).DefaultIfEmpty(0).ToList();
        builder.AppendLine("        From any state: STOP opts out, START opts in, HELP, MENU, WORDS, WHY, DONE,");
        builder.AppendLine($"        EMAIL address, NOEMAIL, FORGET; a number {numbers.Min()}-{numbers.Max()} or what the text means picks a situation.");
        builder.AppendLine("        TALK asks to share the number for a call back (YES shares it, NO keeps it); the state stays.");
        builder.AppendLine("    end note");
        return builder.ToString();
    }

    private static string Label(FlowScript script, FlowState state) => state switch
    {
        { Id: var id } when id == script.Start => "Welcome menu",
        { Id: var id } when id == script.Done => "Closing, offers EMAIL",
        { Label: { } label } => label,
        { Situation: { } situation } when script.Situations.TryGetValue(situation, out var found) && found.Entry == state.Id => found.Title,
        _ => state.Id.Replace('_', ' '),
    };
}
