using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.Understanding.Classification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace InterviewTextLine.Understanding;

public static class UnderstandingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the line's understanding: the sentence model, the trained classifier and decision policy of each
    /// language, and the language detector, all from the files the app ships; and a warm-up that builds every
    /// language's understanding before a host takes its first text.
    /// </summary>
    public static IServiceCollection AddTextUnderstanding(this IServiceCollection services)
    {
        services.TryAddSingleton<ISentenceEmbedder>(_ => MiniLmSentenceEmbedder.Shared);
        services.TryAddSingleton<TextUnderstanding>();
        services.TryAddSingleton<ITextUnderstanding>(provider => provider.GetRequiredService<TextUnderstanding>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, UnderstandingWarmUp>());
        return services;
    }
}

/// <summary>
/// Builds the line in every language (scripts, models, detector) and reads one text with each, before the host
/// starts anything else: a host takes its first text only once no texter would wait for a model.
/// </summary>
/// <remarks>
/// The work runs in <see cref="StartingAsync"/>, which the host calls before any service's StartAsync, so it is
/// done before the web server listens or the Functions worker connects.
/// </remarks>
internal sealed class UnderstandingWarmUp(LineLanguages languages) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.Run(() => Warm(languages), cancellationToken);

    /// <summary>Reads a text in every language, through every part of the understanding.</summary>
    public static void Warm(LineLanguages languages)
    {
        ArgumentNullException.ThrowIfNull(languages);
        foreach (var engine in languages.Engines)
        {
            engine.Understander.Understand(TextReading.Of("the interviewer said something odd"), engine.Script.State(engine.Script.Start), justAskedBack: false);
        }

        languages.LanguageFor(null, "hello", DateTimeOffset.UnixEpoch);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
