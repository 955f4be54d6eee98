using InterviewTextLine.Core;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.Email;
using InterviewTextLine.Hosting;
using InterviewTextLine.Integration.Tests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static InterviewTextLine.TestKit.Builders.TestData;

namespace InterviewTextLine.Integration.Tests.Email;

/// <summary>
/// From the texts to SendGrid, with every real part: the service on Table Storage (Azurite), the sweep,
/// the SendGrid SDK, and an HTTP server on loopback standing in for SendGrid.
/// </summary>
public sealed class FollowUpEndToEndTests(AzuriteAssemblyFixture azurite) : IAsyncLifetime
{
    private const string Line = "+15555550199";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));
    private IsolatedTableStore? _tables;
    private FakeSendGridServer? _sendGrid;
    private ServiceProvider? _services;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _tables = await IsolatedTableStore.CreateAsync(azurite.CreateServiceClient(), Cancellation);
        _sendGrid = await FakeSendGridServer.StartAsync(Cancellation);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(LocalDefaults.Values)
            .AddInMemoryCollection([new("SendGrid:ApiKey", "SG.end-to-end"), new("SendGrid:Host", _sendGrid.Url)])
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IConversationStore>(_tables.Store);
        services.AddTextLineCore(configuration);
        services.AddFollowUps(configuration);
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_sendGrid is not null)
        {
            await _sendGrid.DisposeAsync();
        }

        if (_tables is not null)
        {
            await _tables.DisposeAsync();
        }
    }

    private Task<LineReply> Text(string from, string body) =>
        _services!.GetRequiredService<ITextLineService>().HandleAsync(new InboundText(from, Line, body, NewMessageSid()), Cancellation);

    private Task<FollowUpSweepResult> Sweep() => _services!.GetRequiredService<IFollowUpProcessor>().RunAsync(Cancellation);

    private List<string> Recipients() =>
        [.. _sendGrid!.Requests.Select(request => request.Body.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString()!)];

    [Fact]
    public async Task One_email_goes_out_after_the_last_text_and_never_to_those_who_cancelled()
    {
        foreach (var (from, address) in new[] { ("+15555550141", "stays@example.com"), ("+15555550142", "noemail@example.com"), ("+15555550143", "stop@example.com"), ("+15555550144", "forget@example.com") })
        {
            await Text(from, "he was so rude");
            await Text(from, $"EMAIL {address}");
        }

        await Text("+15555550142", "NOEMAIL");
        await Text("+15555550143", "STOP");
        await Text("+15555550144", "FORGET");

        // A later text pushes the summary back: not due at the original time.
        _time.Advance(TimeSpan.FromMinutes(90));
        await Text("+15555550141", "I left");
        _time.Advance(TimeSpan.FromMinutes(45));
        Assert.Empty((await Sweep()).Sent);
        Assert.Empty(_sendGrid!.Requests);

        _time.Advance(TimeSpan.FromMinutes(90));
        var sent = await Sweep();
        _time.Advance(TimeSpan.FromHours(3));
        var again = await Sweep();

        Assert.Single(sent.Sent);
        Assert.Empty(again.Sent);
        Assert.Equal(["stays@example.com"], Recipients());
        var stored = await _tables!.Store.GetDueFollowUpsAsync(DateTimeOffset.MaxValue, 10, Cancellation);
        Assert.Empty(stored);
    }
}
