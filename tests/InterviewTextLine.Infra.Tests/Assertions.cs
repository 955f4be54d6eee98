namespace InterviewTextLine.Infra.Tests;

internal static class Assertions
{
    /// <summary>Fails with every problem listed, one a line.</summary>
    public static void NoProblems(IReadOnlyList<string> problems) =>
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s):\n{string.Join('\n', problems)}");
}
