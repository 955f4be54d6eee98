namespace InterviewTextLine.Cli;

/// <summary>The real clock, plus however far <c>/wait</c> has moved it, so a follow-up can be seen without waiting hours.</summary>
internal sealed class ShiftableTimeProvider(TimeProvider inner) : TimeProvider
{
    private TimeSpan _offset;

    public TimeSpan Offset => _offset;

    public void Advance(TimeSpan by) => _offset += by;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + _offset;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
}
