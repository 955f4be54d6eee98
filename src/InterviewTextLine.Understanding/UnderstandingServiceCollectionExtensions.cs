using InterviewTextLine.Core;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.Understanding.Classification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace InterviewTextLine.Understanding;

public static class UnderstandingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the line's understanding: the sentence model, the trained classifier and decision policy of each
    /// language, and the language detector, all from the files the app ships; and a warm-up step (<see cref="IWarmUp"/>)
    /// that builds every language's understanding, which the host's one warm-up runs before its first text.
    /// </summary>
    public static IServiceCollection AddTextUnderstanding(this IServiceCollection services)
    {
        services.TryAddSingleton<ISentenceEmbedder>(_ => MiniLmSentenceEmbedder.Shared);
        services.TryAddSingleton<TextUnderstanding>();
        services.TryAddSingleton<ITextUnderstanding>(provider => provider.GetRequiredService<TextUnderstanding>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWarmUp, UnderstandingWarmUp>());
        return services;
    }
}

/// <summary>
/// Builds the line in every language (scripts, models, detector) and reads one text with each: the step of the host's
/// warm-up after which no texter waits for a model.
/// </summary>
/// <remarks>
/// The loads overlap: the sentence model's session loads on one thread while each language's classifier loads on
/// others, which on two cores takes about as long as the slower of them rather than their sum. The engines are
/// resolved after (not injected): resolving them is what would otherwise load the classifiers one after another.
/// </remarks>
internal sealed class UnderstandingWarmUp(ISentenceEmbedder embedder, ITextUnderstanding understanding, FlowScripts scripts, IServiceProvider services) : IWarmUp
{
    /// <summary>Reads a text in every language, through every part of the understanding.</summary>
    public void Warm()
    {
        Parallel.Invoke(
            () => embedder.Embed("warm up the sentence model"),
            () => Parallel.ForEach(scripts.All, script => understanding.Understander(script, scripts.Keywords)));

        var languages = services.GetRequiredService<LineLanguages>();
        foreach (var engine in languages.Engines)
        {
            engine.Understander.Understand(TextReading.Of("the interviewer said something odd"), engine.Script.State(engine.Script.Start), justAskedBack: false);
        }

        languages.LanguageFor(null, "hello", DateTimeOffset.UnixEpoch);
    }
}
