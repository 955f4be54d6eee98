using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.TestKit.Builders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace InterviewTextLine.TestKit.FollowUps;

/// <summary>
/// The follow-up sweep over the in-memory store and a fake clock, plus the two things the conversation
/// engine does to a follow-up (schedule it on EMAIL, push it back on a later text).
/// </summary>
public sealed class FollowUpTestBed
{
    public static readonly DateTimeOffset Start = TestClock.Start;

    public FollowUpTestBed(FollowUpOptions? followUps = null)
    {
        Options = followUps ?? new FollowUpOptions();
        Store = new InMemoryConversationStore(Time);
        Writer = new DecisionWriter(Store, Store);
        var program = Microsoft.Extensions.Options.Options.Create(new ProgramOptions { Name = "Career Hub", HelpContact = "555-0100", Url = "https://careers.example.edu" });
        var email = Microsoft.Extensions.Options.Options.Create(new EmailOptions { FromAddress = "line@example.edu" });
        Composer = new FollowUpComposer(new FlowScripts([TestScripts.Create()]), new StubFollowUpRenderer(), program, email);
    }

    public FakeTimeProvider Time { get; } = TestClock.Create();

    public FollowUpOptions Options { get; }

    public InMemoryConversationStore Store { get; }

    /// <summary>What the application service stores a decision with.</summary>
    public DecisionWriter Writer { get; }

    public FakeEmailSender Sender { get; } = new();

    public FollowUpComposer Composer { get; }

    public FollowUpProcessor Processor => new(Store, Store, Composer, Sender, Time, Microsoft.Extensions.Options.Options.Create(Options), TestMetrics.Create(), NullLogger<FollowUpProcessor>.Instance);

    public static TexterId Texter(int n) => new(n.ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + new string('c', 60));

    /// <summary>What EMAIL does: stores the address and schedules the follow-up (the index entry first).</summary>
    public async Task EmailAsync(TexterId texter, string address = "texter@example.com", string[]? path = null)
    {
        var now = Time.GetUtcNow();
        var existing = await Store.ReadAsync(texter, CancellationToken.None);
        var previous = existing?.Conversation.FollowUp;
        var followUp = FollowUp.Schedule(previous, now + Options.Delay);
        var conversation = (existing?.Conversation ?? Conversation.Start("welcome", now)) with
        {
            StateId = "done",
            Situation = "dealbreaker",
            Path = [.. path ?? ["welcome", "dealbreaker", "dealbreaker-no", "done"]],
            LastMessageAt = now,
            Email = address,
            FollowUp = followUp,
        };
        var decision = new Decision(DecisionKind.Save, conversation, "ok", followUp.IndexEntryToAdd(previous));
        await Writer.ApplyAsync(texter, decision, existing?.ETag, new MessageReceipt(Guid.NewGuid().ToString("N"), "ok", now), CancellationToken.None);
    }

    /// <summary>What a later text does: pushes a scheduled follow-up back without touching the index.</summary>
    public Task TextAsync(TexterId texter) => ChangeAsync(texter, conversation => conversation with
    {
        LastMessageAt = Time.GetUtcNow(),
        FollowUp = conversation.FollowUp is { IsScheduled: true } followUp ? followUp.PushBack(Time.GetUtcNow() + Options.Delay) : conversation.FollowUp,
    });

    public async Task ChangeAsync(TexterId texter, Func<Conversation, Conversation> change)
    {
        var stored = await Store.ReadAsync(texter, CancellationToken.None) ?? throw new InvalidOperationException("No conversation.");
        await Store.ReplaceAsync(texter, change(stored.Conversation), stored.ETag, CancellationToken.None);
    }

    public async Task<FollowUp> FollowUpAsync(TexterId texter) =>
        (await Store.ReadAsync(texter, CancellationToken.None))?.Conversation.FollowUp ?? throw new InvalidOperationException("No follow-up.");

    /// <summary>Every index entry, whether due or not.</summary>
    public Task<IReadOnlyList<FollowUpIndexEntry>> IndexAsync() =>
        Store.ReadDueAsync(DateTimeOffset.MaxValue, null, int.MaxValue, CancellationToken.None);

    public Task<FollowUpSweepResult> RunAsync() => Processor.RunAsync(TestContext.Current.CancellationToken);
}
