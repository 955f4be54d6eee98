using InterviewTextLine.TestKit.Lines;

namespace InterviewTextLine.Understanding.Tests;

/// <summary>
/// One line per test run for tests that only read its engines: the models load once, as they do in the app.
/// </summary>
internal static class Understood
{
    public static LineHarness Line => LineHarness.Shared;
}
