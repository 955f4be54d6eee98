using InterviewTextLine.Core.Understanding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace InterviewTextLine.Understanding;

public static class UnderstandingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the sentence model and the training corpus, so free text is understood by meaning as well
    /// as by rules, and warms the model while the host starts so the first text does not wait for it.
    /// </summary>
    public static IServiceCollection AddSentenceModel(this IServiceCollection services)
    {
        // The model takes a second or more to load: start now, while the host is still being built and
        // started, rather than when the first text arrives. It loads once per process however often this runs.
        _ = Task.Run(() => MiniLmSentenceEmbedder.Shared);
        services.TryAddSingleton<ISentenceEmbedder>(_ => MiniLmSentenceEmbedder.Shared);
        services.TryAddSingleton(_ => Corpus.TrainingExamples());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, UnderstandingWarmUp>());
        return services;
    }
}

/// <summary>Builds the understander (loading the model) in the background as the host starts.</summary>
internal sealed class UnderstandingWarmUp(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() => services.GetRequiredService<Understander>(), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
