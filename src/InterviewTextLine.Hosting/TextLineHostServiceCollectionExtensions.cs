using InterviewTextLine.Core;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Handoffs;
using InterviewTextLine.Email;
using InterviewTextLine.Hosting.Scripts;
using InterviewTextLine.Hosting.Telemetry;
using InterviewTextLine.Hosting.Webhook;
using InterviewTextLine.TableStorage;
using InterviewTextLine.Understanding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Hosting;

/// <summary>The composition root shared by the Functions app and <c>textline serve</c>.</summary>
public static class TextLineHostServiceCollectionExtensions
{
    /// <summary>
    /// Registers the line (core, storage, follow-ups and retention), the Twilio webhook gate and the handlers behind it,
    /// and the webhook's warm-up, with every option validated when the host starts, so a missing setting stops startup
    /// with a message naming it. It only registers: what is built, and which store and sender, is decided from the
    /// bound options when the host first needs it.
    /// </summary>
    public static IServiceCollection AddTextLineHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTextLine(configuration);
        services.AddValidatedOptions<TwilioOptions>(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FollowUpOptions>, FollowUpScheduleValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HandoffOptions>, HandoffScheduleValidator>());

        services.TryAddSingleton<TwilioSignatureValidator>();
        services.TryAddSingleton<TwilioWebhookGate>();
        services.TryAddScoped<SmsWebhookHandler>();
        services.TryAddScoped<SmsFallbackHandler>();
        services.TryAddScoped<DeliveryStatusHandler>();

        // After the understanding's warm-up (AddTextLine registers it): both run before the host takes traffic.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WebhookWarmUp>());
        return services;
    }

    /// <summary>
    /// Registers the line without a webhook: the core with its understanding, the store (Table Storage
    /// when configured), the follow-up email sweep, the handoff sender and retention. <c>textline chat</c> and <c>textline followups</c> run on this.
    /// </summary>
    public static IServiceCollection AddTextLine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddTextLineCore(configuration);
        services.AddOptions<AppServiceOptions>().Bind(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrivacyOptions>, PhoneHashKeyValidator>());
        services.AddTextUnderstanding();

        // Table Storage when either connection setting is present; otherwise Core's in-memory store, for local runs.
        // On App Service the in-memory store is never the fallback: without storage settings the table store's own
        // validation stops startup and names them.
        services.AddTableConversationStore(configuration, required: provider => provider.GetRequiredService<IOptions<AppServiceOptions>>().Value.InAzure);

        services.AddFollowUps(configuration);
        services.AddPublishedScripts(configuration);

        // The handoff email goes through the follow-ups' sender, to the office's inbox rather than a texter's.
        services.TryAddSingleton<HandoffEmailComposer>();
        services.TryAddSingleton<IHandoffDispatcher, HandoffDispatcher>();

        // Before any exporter: the hosts add theirs after this.
        services.AddTelemetryRedaction();
        return services;
    }
}
