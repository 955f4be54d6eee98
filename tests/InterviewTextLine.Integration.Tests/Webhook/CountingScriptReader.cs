using System.Collections.Concurrent;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Languages;

namespace InterviewTextLine.Integration.Tests.Webhook;

/// <summary>Reads scripts as the line does and counts each read by language, so a test can tell how often a start reads one.</summary>
internal sealed class CountingScriptReader : IFlowScriptReader
{
    private readonly FlowScriptReader _reader = new();

    public ConcurrentDictionary<string, int> Reads { get; } = new(StringComparer.Ordinal);

    public FlowScript Read(LanguageProfile language, string? path)
    {
        Reads.AddOrUpdate(language.Code, 1, (_, count) => count + 1);
        return _reader.Read(language, path);
    }

    /// <summary>The reads as "language:count", in language order.</summary>
    public IReadOnlyList<string> Counts => [.. Reads.OrderBy(read => read.Key, StringComparer.Ordinal).Select(read => $"{read.Key}:{read.Value}")];
}
