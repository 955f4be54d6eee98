using InterviewTextLine.Core;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InterviewTextLine.Email;

public static class FollowUpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the follow-up sweep (<see cref="IFollowUpProcessor"/>), its composer and renderer, the
    /// email sender and the <see cref="RetentionSweeper"/>. The sender is SendGrid when
    /// <c>SendGrid:ApiKey</c> is set and the local outbox folder otherwise. <see cref="EmailOptions"/> and
    /// <see cref="SendGridOptions"/> are validated at startup. The store, the flow script, the program,
    /// follow-up and privacy options and logging come from the core registration.
    /// </summary>
    public static IServiceCollection AddFollowUps(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<EmailOptions>(configuration);
        services.AddValidatedOptions<SendGridOptions>(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFollowUpRenderer, FluidFollowUpRenderer>();
        services.TryAddSingleton<FollowUpComposer>();
        if (string.IsNullOrWhiteSpace(configuration[$"{SendGridOptions.SectionName}:{nameof(SendGridOptions.ApiKey)}"]))
        {
            services.TryAddSingleton<IEmailSender, OutboxEmailSender>();
        }
        else
        {
            services.TryAddSingleton<IEmailSender, SendGridEmailSender>();
        }

        services.TryAddSingleton<FollowUpProcessor>();
        services.TryAddSingleton<IFollowUpProcessor>(provider => provider.GetRequiredService<FollowUpProcessor>());
        services.TryAddSingleton<RetentionSweeper>();
        return services;
    }
}
