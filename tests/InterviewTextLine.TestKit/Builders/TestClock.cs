using Microsoft.Extensions.Time.Testing;

namespace InterviewTextLine.TestKit.Builders;

/// <summary>The fake clock of the follow-up tests, all starting at one instant.</summary>
public static class TestClock
{
    /// <summary>A Monday morning, UTC.</summary>
    public static readonly DateTimeOffset Start = new(2025, 6, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A fake clock at <see cref="Start"/> that a test moves forward.</summary>
    public static FakeTimeProvider Create() => new(Start);
}
