using System.Collections;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.Hosting.Telemetry;

/// <summary>
/// The logger factory the Azure SDK's log forwarder writes through: each record's message and fields lose their
/// Table Storage keys (<see cref="StorageKeyRedaction"/>) before any logging provider sees them.
/// </summary>
/// <remarks>
/// The forwarder's records carry the SDK's event payload (the request URL among it) as structured fields, so the
/// fields are redacted as well as the message. The host's factory is not disposed here: the host owns it.
/// </remarks>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = StorageKeyRedaction.Redact(formatter(state, exception));
            List<KeyValuePair<string, object?>> fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? [.. pairs.Select(pair => KeyValuePair.Create<string, object?>(pair.Key, pair.Value is string text ? StorageKeyRedaction.Redact(text) : pair.Value))]
                : [];
            inner.Log(logLevel, eventId, new RedactedState(message, fields), exception, static (redacted, _) => redacted.Message);
        }
    }

    /// <summary>A record's redacted message and fields.</summary>
    private sealed class RedactedState(string message, List<KeyValuePair<string, object?>> fields) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message => message;

        public int Count => fields.Count;

        public KeyValuePair<string, object?> this[int index] => fields[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => fields.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }
}
