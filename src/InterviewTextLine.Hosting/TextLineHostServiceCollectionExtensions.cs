using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Hosting.Serve;
using InterviewTextLine.Hosting.Webhook;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Hosting;

/// <summary>The composition root shared by the Functions app and <c>textline serve</c>.</summary>
public static class TextLineHostServiceCollectionExtensions
{
    /// <summary>
    /// Registers the line (core, storage, follow-ups) and the Twilio webhook handlers, with every option
    /// validated when the host starts, so a missing setting stops startup with a message naming it.
    /// </summary>
    public static IServiceCollection AddTextLineHost(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // The line itself. Order matters: the storage and email registrations replace Core's embedded
        // in-memory store and outbox only when their settings are present.
        //   services.AddTextLineCore(configuration);          // InterviewTextLine.Core
        //   services.AddTableConversationStore(configuration); // InterviewTextLine.TableStorage
        //   services.AddFollowUps(configuration);              // InterviewTextLine.Email
        AddOptionsUntilCoreRegistersThem(services, configuration);

        services.AddOptions<TwilioOptions>()
            .Bind(configuration.GetSection(TwilioOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FollowUpOptions>, FollowUpScheduleValidator>());
        services.AddOptions<FollowUpOptions>().ValidateOnStart();

        services.TryAddSingleton<TwilioSignatureValidator>();
        services.TryAddScoped<SmsWebhookHandler>();
        services.TryAddScoped<SmsFallbackHandler>();
        return services;
    }

    // The webhook reads ProgramOptions (fallback text) and FollowUpOptions (serve's schedule). Core binds and
    // validates every options class; until it is registered here, bind these two so the hosts start.
    private static void AddOptionsUntilCoreRegistersThem(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProgramOptions>()
            .Bind(configuration.GetSection(ProgramOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<FollowUpOptions>()
            .Bind(configuration.GetSection(FollowUpOptions.SectionName))
            .ValidateDataAnnotations();
    }
}
