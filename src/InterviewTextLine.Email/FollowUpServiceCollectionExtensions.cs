using InterviewTextLine.Core;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.FollowUps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
        // Chosen when the sender is first needed, from the options as bound: only the chosen one is built.
        services.TryAddSingleton<SendGridEmailSender>();
        services.TryAddSingleton<OutboxEmailSender>();
        services.TryAddSingleton<IEmailSender>(provider => provider.GetRequiredService<IOptions<SendGridOptions>>().Value.IsConfigured
            ? provider.GetRequiredService<SendGridEmailSender>()
            : provider.GetRequiredService<OutboxEmailSender>());

        services.AddTextLineMetrics();
        services.TryAddSingleton<FollowUpProcessor>();
        services.TryAddSingleton<IFollowUpProcessor>(provider => provider.GetRequiredService<FollowUpProcessor>());
        return services;
    }
}
