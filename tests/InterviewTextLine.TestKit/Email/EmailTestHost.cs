using System.Globalization;
using InterviewTextLine.Core;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using InterviewTextLine.TestKit.Builders;
using Microsoft.Extensions.Time.Testing;

namespace InterviewTextLine.TestKit.Email;

/// <summary>
/// The follow-up services as the app registers them (<see cref="FollowUpServiceCollectionExtensions.AddFollowUps"/>),
/// over the in-memory store and a fake clock, with what the conversation engine does on EMAIL.
/// </summary>
public sealed class EmailTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = TestClock.Start;

    private readonly ServiceProvider _services;

    public EmailTestHost(IDictionary<string, string?> settings, string programName = "Career Hub", string situationTitle = "A deal-breaker came up", int maxAttempts = 5)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Email:FromAddress"] = "line@example.edu",
                ["Email:FromName"] = "Career Hub line",
            })
            .AddInMemoryCollection(settings)
            .Build();
        FollowUps = new FollowUpOptions { MaxAttempts = maxAttempts };
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Time)
            .ReplaceConversationStorage(_ => Store)
            // The email reads the scripts the line registers (FlowScripts): here one small script instead of the shipped ones.
            .AddSingleton(new FlowScripts([TestScripts.Create(situationTitle)]))
            .Configure<ProgramOptions>(options =>
            {
                options.Name = programName;
                options.HelpContact = "555-0100";
                options.Url = "https://careers.example.edu";
            })
            .Configure<FollowUpOptions>(options => options.MaxAttempts = maxAttempts)
            .AddFollowUps(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = TestClock.Create();

    public InMemoryConversationStore Store { get; } = new();

    public FollowUpOptions FollowUps { get; }

    public IServiceProvider Services => _services;

    public IFollowUpProcessor Processor => _services.GetRequiredService<IFollowUpProcessor>();

    public static TexterId Texter(int n) => new(n.ToString("x4", CultureInfo.InvariantCulture) + new string('e', 60));

    public Task<FollowUpSweepResult> RunAsync() => Processor.RunAsync(TestContext.Current.CancellationToken);

    /// <summary>What EMAIL does: stores the address and schedules the follow-up (the index entry first).</summary>
    public async Task EmailAsync(TexterId texter, string address)
    {
        var now = Time.GetUtcNow();
        var followUp = FollowUp.Schedule(null, now + FollowUps.Delay);
        var conversation = Conversation.Start("welcome", now) with
        {
            StateId = "done",
            Situation = "dealbreaker",
            Path = ["welcome", "dealbreaker", "done"],
            Email = address,
            FollowUp = followUp,
        };
        var decision = new Decision(DecisionKind.Save, conversation, "ok", followUp.IndexEntryToAdd(null));
        await new DecisionWriter(Store, Store).ApplyAsync(texter, decision, null, new MessageReceipt(TestData.NewMessageSid(), "ok", now), CancellationToken.None);
    }

    public async Task<FollowUp> FollowUpAsync(TexterId texter) =>
        (await Store.ReadAsync(texter, CancellationToken.None))?.Conversation.FollowUp ?? throw new InvalidOperationException("No follow-up.");

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
