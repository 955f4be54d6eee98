using InterviewTextLine.Core;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// The host's one warm-up: runs every registered <see cref="IWarmUp"/> step (the understanding of every language:
/// models, detector), then builds everything the webhook routes use: the gate with its signature validator, the
/// line's service with its store and engines, the handlers, and the options they read. A text then waits for nothing
/// to be constructed, and the webhook's deadline is spent on the text alone.
/// </summary>
/// <remarks>
/// The work runs in <see cref="StartingAsync"/>, which the host calls before any service's StartAsync, so it is done
/// before the web server listens or the Functions worker connects.
/// </remarks>
public sealed class WebhookWarmUp(IServiceProvider services) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.Run(Warm, cancellationToken);

    private void Warm()
    {
        foreach (var step in services.GetServices<IWarmUp>())
        {
            step.Warm();
        }

        _ = services.GetRequiredService<IOptions<TwilioOptions>>().Value;
        _ = services.GetRequiredService<IOptions<ProgramOptions>>().Value;
        _ = services.GetRequiredService<TwilioWebhookGate>();

        // The line's service holds the engines of every language and the store (and, through it, the storage client).
        _ = services.GetRequiredService<ITextLineService>();

        // The handlers themselves are scoped: resolving them once builds whatever else they hold.
        using var scope = services.CreateScope();
        _ = scope.ServiceProvider.GetRequiredService<SmsWebhookHandler>();
        _ = scope.ServiceProvider.GetRequiredService<SmsFallbackHandler>();
        _ = scope.ServiceProvider.GetRequiredService<DeliveryStatusHandler>();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
