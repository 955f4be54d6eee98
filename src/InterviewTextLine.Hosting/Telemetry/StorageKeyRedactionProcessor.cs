using System.Diagnostics;
using OpenTelemetry;

namespace InterviewTextLine.Hosting.Telemetry;

/// <summary>
/// Redacts Table Storage keys from every span before an exporter sees it (<see cref="StorageKeyRedaction"/>). It must
/// come before the exporters' processors, which <see cref="TelemetryRedactionServiceCollectionExtensions"/> sees to.
/// </summary>
/// <remarks>The SDK sets a request's URL when its span starts, so it is redacted then, and again at the end.</remarks>
public sealed class StorageKeyRedactionProcessor : BaseProcessor<Activity>
{
    public override void OnStart(Activity data) => StorageKeyRedaction.Redact(data);

    public override void OnEnd(Activity data) => StorageKeyRedaction.Redact(data);
}
