using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Understanding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewTextLine.Core.Tests.Configuration;

/// <summary>The core has only the understanding's port: a host adds the understanding itself.</summary>
public sealed class UnderstandingRegistrationTests
{
    private static IConfiguration Local() => new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.Values).Build();

    [Fact]
    public void The_core_without_an_understanding_says_what_to_register()
    {
        using var services = new ServiceCollection().AddLogging().AddTextLineCore(Local()).BuildServiceProvider();

        var exception = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<LineLanguages>());

        Assert.Contains("AddTextUnderstanding()", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_understanding_the_line_speaks_every_language_of_its_scripts()
    {
        using var services = new ServiceCollection().AddLogging().AddTextLineCore(Local()).AddTextUnderstanding().BuildServiceProvider();

        var languages = services.GetRequiredService<LineLanguages>();

        Assert.Equal(["en", "es"], languages.Engines.Select(engine => engine.Script.Language));
        Assert.All(languages.Engines, engine => Assert.Equal(engine.Script.Language, engine.Understander.Language));
        Assert.Same(languages.Default, services.GetRequiredService<ConversationEngine>());
    }
}
