using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace InterviewTextLine.TestKit.Storage;

/// <summary>
/// Counts the HTTP requests an Azure SDK client sends, retries included, so tests can prove what an
/// operation costs (a GET is a read; a POST, PUT, PATCH, MERGE or DELETE is a write).
/// </summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<string> _requests = new();

    /// <summary>Requests sent since the last <see cref="Reset"/>, as "METHOD path".</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public int Total => _requests.Count;

    public int Reads => _requests.Count(request => request.StartsWith("GET ", StringComparison.Ordinal));

    public int Writes => Total - Reads;

    /// <summary>Adds the counter to <paramref name="options"/> so that it sees every attempt of every request.</summary>
    public TableClientOptions AddTo(TableClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return options;
    }

    public void Reset() => _requests.Clear();

    public override string ToString() => $"{Reads} reads, {Writes} writes: {string.Join(", ", _requests)}";

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Record(HttpMessage message) =>
        _requests.Enqueue($"{message.Request.Method} {message.Request.Uri.Path}");
}
