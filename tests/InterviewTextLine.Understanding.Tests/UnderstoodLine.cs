using InterviewTextLine.Core;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace InterviewTextLine.Understanding.Tests;

/// <summary>The line with its shipped understanding, on the in-memory store and a fake clock, texted as a phone would.</summary>
internal sealed class UnderstoodLine : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private int _messages;

    private UnderstoodLine(ServiceProvider services)
    {
        _services = services;
        Service = services.GetRequiredService<ITextLineService>();
        Engine = services.GetRequiredService<ConversationEngine>();
    }

    public ITextLineService Service { get; }

    public ConversationEngine Engine { get; }

    public FlowScript Script => Engine.Script;

    public static UnderstoodLine Create()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.Values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));
        services.AddSingleton<TimeProvider>(time);
        services.AddTextLineCore(configuration);
        services.AddTextUnderstanding();
        return new UnderstoodLine(services.BuildServiceProvider(validateScopes: true));
    }

    /// <summary>Sends a text from one texter and returns the whole reply.</summary>
    public async Task<LineReply> Text(string body) =>
        await Service.HandleAsync(new InboundText("+15555550100", "+15555550199", body, $"SM{Interlocked.Increment(ref _messages):D32}"), TestContext.Current.CancellationToken);

    public string StateText(string stateId) => Engine.Render(Script.State(stateId).Text);

    /// <summary>A state's text as the line sends it in <paramref name="language"/>.</summary>
    public string StateText(string stateId, string language)
    {
        var engine = _services.GetRequiredService<LineLanguages>().For(language);
        return engine.Render(engine.Script.State(stateId).Text);
    }

    /// <summary>A message as the line sends it in <paramref name="language"/>.</summary>
    public string Message(string key, string language)
    {
        var engine = _services.GetRequiredService<LineLanguages>().For(language);
        return engine.Render(engine.Script.Message(key));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>
/// One line per test run for tests that only read its engines: the models load once, as they do in the app.
/// </summary>
internal static class Understood
{
    private static readonly Lazy<SharedLine> Shared = new(() =>
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.Values).Build();
        var services = new ServiceCollection().AddLogging().AddTextLineCore(configuration).AddTextUnderstanding().BuildServiceProvider();
        return new SharedLine(services.GetRequiredService<LineLanguages>());
    });

    public static SharedLine Line => Shared.Value;
}

/// <summary>The line's engines in every language.</summary>
internal sealed record SharedLine(LineLanguages Languages);
