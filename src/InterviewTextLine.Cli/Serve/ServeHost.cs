using System.Net;
using System.Net.Sockets;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Diagnostics;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Handoffs;
using InterviewTextLine.Hosting;
using InterviewTextLine.Hosting.Webhook;
using InterviewTextLine.TableStorage;
using Microsoft.Extensions.Options;
using OpenTelemetry;

namespace InterviewTextLine.Cli.Serve;

/// <summary>
/// <c>textline serve</c>: a Kestrel host that answers Twilio's webhook on the same routes, with the same handlers,
/// as the Functions app, and runs the follow-up schedule that the timer function runs in Azure.
/// </summary>
public static partial class ServeHost
{
    public const string WebhookRoute = "/api/sms";
    public const string FallbackRoute = "/api/sms/fallback";

    /// <summary>
    /// Builds the host without starting it. Settings, lowest first: <see cref="LocalDefaults"/>,
    /// <c>local.settings.json</c> <c>Values</c>, environment variables, <see cref="ServeHostOptions.Settings"/>
    /// and <c>--storage</c>. <c>Twilio:WebhookBaseUrl</c> defaults to the first listen URL.
    /// </summary>
    /// <param name="options">Where to listen and what to read.</param>
    /// <param name="configureServices">Runs after the line's own registrations, so it can replace them.</param>
    public static WebApplication Build(ServeHostOptions options, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var urls = ResolveUrls(options.Urls);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });

        var configuration = builder.Configuration;
        configuration.Sources.Clear();
        configuration.AddLocalSources(options.ReadMachineSettings, options.LocalSettingsFile);

        var overrides = new Dictionary<string, string?>(options.Settings, StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(options.StorageConnectionString))
        {
            overrides[$"{StorageOptions.SectionName}:{nameof(StorageOptions.ConnectionString)}"] = options.StorageConnectionString;
        }

        configuration.AddInMemoryCollection(overrides);
        var baseUrlKey = $"{TwilioOptions.SectionName}:{nameof(TwilioOptions.WebhookBaseUrl)}";
        if (string.IsNullOrWhiteSpace(configuration[baseUrlKey]))
        {
            configuration.AddInMemoryCollection([new(baseUrlKey, PublicBaseUrl(urls))]);
        }

        // After the sources are replaced: UseUrls stores the addresses in configuration.
        builder.WebHost.UseUrls(urls);
        // Lines per request from ASP.NET Core and the Azure SDK drown the webhook's own log lines in a terminal.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Azure", LogLevel.Warning);
        builder.Services.AddTextLineHost(configuration);
        AddTelemetry(builder.Services, configuration, options.PrintMetrics);
        configureServices?.Invoke(builder.Services);
        if (builder.Services.Any(service => service.ServiceType == typeof(IFollowUpProcessor)))
        {
            builder.Services.AddHostedService<FollowUpScheduleService>();
        }

        if (builder.Services.Any(service => service.ServiceType == typeof(IHandoffDispatcher)))
        {
            builder.Services.AddHostedService<HandoffScheduleService>();
        }

        var app = builder.Build();
        app.MapTextLineWebhook();
        return app;
    }

    /// <summary>The standard OTLP exporter when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and the console summary for <c>--metrics</c>.</summary>
    private static void AddTelemetry(IServiceCollection services, ConfigurationManager configuration, bool printMetrics)
    {
        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]))
        {
            services.AddOpenTelemetry()
                .WithMetrics(metrics => metrics.AddMeter(TextLineMetrics.MeterName))
                .WithTracing(tracing => tracing.AddSource(TextLineTracing.SourceName))
                .UseOtlpExporter();
        }

        if (printMetrics)
        {
            services.AddHostedService<MetricsSummaryService>();
        }
    }

    /// <summary>The standard OpenTelemetry setting naming the collector to export to.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Builds and runs the host until <paramref name="cancellationToken"/> fires.</summary>
    public static async Task RunAsync(ServeHostOptions options, CancellationToken cancellationToken)
    {
        await using var app = Build(options);
        await app.StartAsync(cancellationToken);
        var twilio = app.Services.GetRequiredService<IOptions<TwilioOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServeHost));
        var listenUrl = app.Urls.First().TrimEnd('/');
        LogListening(logger, listenUrl, twilio.WebhookBaseUrl);
        await app.WaitForShutdownAsync(cancellationToken);
    }

    /// <summary>Maps the webhook routes through the gate to the shared handlers, exactly as the Functions app routes them.</summary>
    public static IEndpointRouteBuilder MapTextLineWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapTwilioWebhook<SmsWebhookHandler>(WebhookRoute);
        endpoints.MapTwilioWebhook<SmsFallbackHandler>(FallbackRoute);
        endpoints.MapTwilioWebhook<DeliveryStatusHandler>(DeliveryStatusHandler.Route);
        return endpoints;
    }

    /// <summary>
    /// Replaces port 0 with a free port now, so that the default webhook base URL can name the port Twilio
    /// (or a test) will sign for.
    /// </summary>
    private static string[] ResolveUrls(string urls)
    {
        var list = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length == 0)
        {
            list = [ServeHostOptions.DefaultUrls];
        }

        return [.. list.Select(url =>
        {
            var uri = new Uri(url.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
            return uri.Port == 0 ? url[..url.LastIndexOf(':')] + ":" + FreeLoopbackPort() : url;
        })];
    }

    private static string PublicBaseUrl(string[] urls)
    {
        var uri = new UriBuilder(urls[0].Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }

        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Twilio webhook: POST {ListenUrl}" + WebhookRoute + " and " + FallbackRoute + "; signatures are checked against {WebhookBaseUrl}")]
    private static partial void LogListening(ILogger logger, string listenUrl, string webhookBaseUrl);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
