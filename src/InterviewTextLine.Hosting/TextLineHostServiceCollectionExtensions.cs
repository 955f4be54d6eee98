using InterviewTextLine.Core;
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

        services.AddTextLineCore(configuration);
        // Table Storage and SendGrid replace Core's in-memory store and outbox only when their settings are set:
        //   services.AddTableConversationStore(configuration); // InterviewTextLine.TableStorage
        //   services.AddFollowUps(configuration);              // InterviewTextLine.Email

        services.AddValidatedOptions<TwilioOptions>(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FollowUpOptions>, FollowUpScheduleValidator>());

        services.TryAddSingleton<TwilioSignatureValidator>();
        services.TryAddScoped<SmsWebhookHandler>();
        services.TryAddScoped<SmsFallbackHandler>();
        return services;
    }
}
