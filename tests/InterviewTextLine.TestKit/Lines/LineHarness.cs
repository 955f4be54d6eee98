using InterviewTextLine.Core;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.Understanding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace InterviewTextLine.TestKit.Lines;

/// <summary>
/// The line as the webhook runs it (application service, engine, shipped understanding, in-memory store) on a fake
/// clock, texted as a phone would.
/// </summary>
public sealed class LineHarness : IAsyncDisposable
{
    public const string Texter = "+15555550100";
    public const string LineNumber = "+15555550199";

    /// <summary>The fake clock's start: a Monday afternoon, UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<LineHarness> SharedLine = new(() => Create());

    private readonly ServiceProvider _services;
    private int _messages;

    private LineHarness(ServiceProvider services)
    {
        _services = services;
        Time = services.GetRequiredService<FakeTimeProvider>();
        Store = (InMemoryConversationStore)services.GetRequiredService<IConversationStore>();
        Service = services.GetRequiredService<ITextLineService>();
        Engine = services.GetRequiredService<ConversationEngine>();
        Languages = services.GetRequiredService<LineLanguages>();
        Hasher = services.GetRequiredService<PhoneHasher>();
    }

    /// <summary>
    /// One line for the whole test run, for tests that only read its engines: the models load once, as they do in the
    /// app. Never text it: its store and clock are shared.
    /// </summary>
    public static LineHarness Shared => SharedLine.Value;

    public FakeTimeProvider Time { get; }

    public InMemoryConversationStore Store { get; }

    public ITextLineService Service { get; }

    public ConversationEngine Engine { get; }

    /// <summary>The line in each language it speaks.</summary>
    public LineLanguages Languages { get; }

    public PhoneHasher Hasher { get; }

    public IServiceProvider Services => _services;

    public FlowScript Script => Engine.Script;

    /// <param name="settings">Settings over the local defaults.</param>
    /// <param name="configure">Registrations made before the line's own (which only add what is missing), such as another understanding.</param>
    public static LineHarness Create(IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var configuration = Configuration(settings);
        var services = new ServiceCollection();
        services.AddLogging();
        var time = new FakeTimeProvider(Start);
        services.AddSingleton(time);
        services.AddSingleton<TimeProvider>(time);
        configure?.Invoke(services);
        services.AddTextLineCore(configuration).AddTextUnderstanding();
        return new LineHarness(services.BuildServiceProvider(validateScopes: true));
    }

    /// <summary>The local defaults with <paramref name="settings"/> over them: the line's configuration in tests.</summary>
    public static IConfiguration Configuration(IEnumerable<KeyValuePair<string, string?>>? settings = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(LocalDefaults.Values)
            .AddInMemoryCollection(settings ?? [])
            .Build();

    /// <summary>Sends a text and returns the line's whole reply: its text, the state and the situation it leads to.</summary>
    public Task<LineReply> Send(string? body, string from = Texter, int media = 0, string? messageId = null)
    {
        var id = messageId ?? $"SM{Interlocked.Increment(ref _messages):D32}";
        return Service.HandleAsync(new InboundText(from, LineNumber, body, id, media), TestContext.Current.CancellationToken);
    }

    /// <summary>Sends a text and returns the reply text (null when the line says nothing).</summary>
    public async Task<string?> Text(string? body, string from = Texter, int media = 0, string? messageId = null) =>
        (await Send(body, from, media, messageId)).Text;

    public async Task<Conversation?> Conversation(string from = Texter) =>
        (await Store.ReadAsync(Hasher.Texter(from, LineNumber), TestContext.Current.CancellationToken))?.Conversation;

    /// <summary>A state's text as the line sends it.</summary>
    public string StateText(string stateId) => Engine.Render(Script.State(stateId).Text);

    /// <summary>A state's text as the line sends it in <paramref name="language"/>.</summary>
    public string StateText(string stateId, string language)
    {
        var engine = Languages.For(language);
        return engine.Render(engine.Script.State(stateId).Text);
    }

    public string Words(string stateId) => Engine.Render(Script.State(stateId).Words!);

    /// <summary>A message as the line sends it, with the hint of <paramref name="hintOfState"/> when it has one, in <paramref name="language"/> (English by default).</summary>
    public string Message(string key, string? hintOfState = null, string? language = null)
    {
        var engine = language is null ? Engine : Languages.For(language);
        return engine.Render(engine.Script.Message(key), hintOfState is null ? null : engine.Script.State(hintOfState).Hint);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
