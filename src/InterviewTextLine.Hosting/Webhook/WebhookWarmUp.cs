using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Hosting.Webhook;

/// <summary>
/// Builds everything the webhook routes use before the host takes traffic: the gate with its signature validator,
/// the line's service with its store and engines, the handlers, and the options they read. A text then waits for nothing to be
/// constructed, and the webhook's deadline is spent on the text alone.
/// </summary>
/// <remarks>
/// The understanding of every language (models, detector) is built and run by the understanding's own warm-up,
/// registered with it; this one runs after it, in <see cref="StartingAsync"/>, so both are done before the web
/// server listens or the Functions worker connects.
/// </remarks>
public sealed class WebhookWarmUp(IServiceProvider services) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
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
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
