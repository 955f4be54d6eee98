using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace InterviewTextLine.Hosting.Telemetry;

public static class TelemetryRedactionServiceCollectionExtensions
{
    /// <summary>
    /// Keeps Table Storage keys (a texter's keyed hash) out of the Azure SDK's logs and spans: the SDK's log forwarder
    /// writes through a <see cref="RedactingLoggerFactory"/>, and a <see cref="StorageKeyRedactionProcessor"/> runs
    /// on every span.
    /// </summary>
    /// <remarks>
    /// Call it before any exporter is added (the hosts add theirs after <c>AddTextLineHost</c>): OpenTelemetry runs
    /// processors in the order they were configured, and the redaction must come first.
    /// </remarks>
    public static IServiceCollection AddTelemetryRedaction(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Replace(ServiceDescriptor.Singleton(provider => new AzureEventSourceLogForwarder(
            new RedactingLoggerFactory(provider.GetRequiredService<ILoggerFactory>()))));
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new StorageKeyRedactionProcessor()));
        return services;
    }
}
