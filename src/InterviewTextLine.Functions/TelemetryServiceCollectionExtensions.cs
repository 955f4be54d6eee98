using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using InterviewTextLine.Core.Diagnostics;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewTextLine.Functions;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The setting Azure sets to the Application Insights resource the app reports to.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// The line's meter and trace source through OpenTelemetry (host.json <c>telemetryMode</c> is
    /// <c>OpenTelemetry</c>), exported to Application Insights when <see cref="ConnectionStringSetting"/> is set.
    /// </summary>
    /// <remarks>
    /// Application Insights has local authentication turned off, so the exporter signs in with Entra ID:
    /// <see cref="DefaultAzureCredential"/> finds the app's user-assigned identity through <c>AZURE_CLIENT_ID</c>,
    /// which holds the Monitoring Metrics Publisher role. Metrics are aggregated in the process and never sampled.
    /// </remarks>
    public static IServiceCollection AddTextLineTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // The Azure SDK only reports its calls (Table Storage here) through ActivitySource behind this switch.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var telemetry = services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(TextLineMetrics.MeterName))
            .WithTracing(tracing => tracing.AddSource(TextLineTracing.SourceName, "Azure.*"));
        telemetry.UseFunctionsWorkerDefaults();
        if (!string.IsNullOrWhiteSpace(configuration[ConnectionStringSetting]))
        {
            telemetry.UseAzureMonitorExporter(options => options.Credential = new DefaultAzureCredential());
        }

        return services;
    }
}
