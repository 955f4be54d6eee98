using InterviewTextLine.Core;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Email;
using InterviewTextLine.TestKit.Azurite;
using InterviewTextLine.TestKit.Lines;
using InterviewTextLine.TestKit.Storage;
using InterviewTextLine.Understanding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static InterviewTextLine.TestKit.Builders.TestData;

namespace InterviewTextLine.Integration.Tests.Storage;

/// <summary>
/// The whole line as the hosts compose it (conversations, follow-ups, retention) on tables of its own in
/// Azurite, on a fake clock.
/// </summary>
internal sealed class LineOnTableStorage : IAsyncDisposable
{
    public const string LineNumber = "+15555550199";

    private LineOnTableStorage(IsolatedTableStore tables, ServiceProvider services, FakeTimeProvider time)
    {
        Tables = tables;
        Services = services;
        Time = time;
    }

    public IsolatedTableStore Tables { get; }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public static async Task<LineOnTableStorage> CreateAsync(AzuriteAssemblyFixture azurite, IEnumerable<KeyValuePair<string, string?>>? settings, CancellationToken cancellationToken)
    {
        var tables = await IsolatedTableStore.CreateAsync(azurite.CreateServiceClient(), cancellationToken);
        var time = new FakeTimeProvider(LineHarness.Start);
        var configuration = LineHarness.Configuration(settings);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.ReplaceConversationStorage(_ => tables.Store);
        services.AddTextLineCore(configuration).AddTextUnderstanding();
        services.AddFollowUps(configuration);
        return new LineOnTableStorage(tables, services.BuildServiceProvider(validateScopes: true), time);
    }

    public Task<LineReply> TextAsync(string from, string body, CancellationToken cancellationToken) =>
        Services.GetRequiredService<ITextLineService>().HandleAsync(new InboundText(from, LineNumber, body, NewMessageSid()), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Tables.DisposeAsync();
    }
}
