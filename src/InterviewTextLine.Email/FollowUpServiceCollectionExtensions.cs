using InterviewTextLine.Core;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.FollowUps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InterviewTextLine.Email;

public static class FollowUpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the follow-up sweep (<see cref="IFollowUpProcessor"/>), its composer and renderer, and the
    /// email sender: SendGrid when <see cref="SendGridOptions.IsConfigured"/>, the local outbox folder otherwise. <see cref="EmailOptions"/>,
    /// <see cref="SendGridOptions"/> and <see cref="OutboxOptions"/> are validated at startup. The store, the flow script, the program,
    /// follow-up options, the clock and logging come from the core registration.
    /// </summary>
    public static IServiceCollection AddFollowUps(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<EmailOptions>(configuration);
        services.AddValidatedOptions<SendGridOptions>(configuration);
        services.AddValidatedOptions<OutboxOptions>(configuration);

        services.TryAddSingleton<IFollowUpRenderer, FluidFollowUpRenderer>();
        services.AddFlowScripts();
        services.TryAddSingleton<FollowUpComposer>();
        if (configuration.GetSection(SendGridOptions.SectionName).Get<SendGridOptions>() is { IsConfigured: true })
        {
            services.TryAddSingleton<IEmailSender, SendGridEmailSender>();
        }
        else
        {
            services.TryAddSingleton<IEmailSender, OutboxEmailSender>();
        }

        services.AddTextLineMetrics();
        services.TryAddSingleton<FollowUpProcessor>();
        services.TryAddSingleton<IFollowUpProcessor>(provider => provider.GetRequiredService<FollowUpProcessor>());
        return services;
    }
}
