using InterviewTextLine.Core;
using InterviewTextLine.Core.Conversations;
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
internal sealed class UnderstandingWarmUp(LineLanguages languages) : IWarmUp
{
    /// <summary>Reads a text in every language, through every part of the understanding.</summary>
    public void Warm()
    {
        foreach (var engine in languages.Engines)
        {
            engine.Understander.Understand(TextReading.Of("the interviewer said something odd"), engine.Script.State(engine.Script.Start), justAskedBack: false);
        }

        languages.LanguageFor(null, "hello", DateTimeOffset.UnixEpoch);
    }
}
