using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;

namespace InterviewTextLine.Understanding.Tests;

/// <summary>Every label a language's classifier knows, for tests that mock the classifier.</summary>
internal static class ModelLabels
{
    /// <summary>The situations, the commands, every state's replies and <c>none</c>, each once.</summary>
    public static List<string> Of(FlowScript script) =>
        script.Situations.Keys.Concat(Commands.All).Concat(script.States.SelectMany(state => state.Options.Select(option => option.Reply))).Append(Labels.Nothing).Distinct().ToList();
}
