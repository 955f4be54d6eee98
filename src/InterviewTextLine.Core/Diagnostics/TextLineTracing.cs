using System.Diagnostics;

namespace InterviewTextLine.Core.Diagnostics;

/// <summary>The line's trace source: one span per text handled and per follow-up sweep.</summary>
public static class TextLineTracing
{
    public const string SourceName = TextLineMetrics.MeterName;

    public static ActivitySource Source { get; } = new(SourceName);
}
