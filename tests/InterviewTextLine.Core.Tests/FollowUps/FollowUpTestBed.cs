using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.Email;
using InterviewTextLine.TestKit.Builders;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace InterviewTextLine.Core.Tests.FollowUps;

/// <summary>
/// The follow-up sweep over the in-memory store and a fake clock, plus the two things the conversation
/// engine does to a follow-up (schedule it on EMAIL, push it back on a later text).
/// </summary>
internal sealed class FollowUpTestBed
{
    public static readonly DateTimeOffset Start = new(2025, 6, 2, 10, 0, 0, TimeSpan.Zero);

    public FollowUpTestBed(FollowUpOptions? followUps = null, IConversationStore? store = null)
    {
        Options = followUps ?? new FollowUpOptions();
        Store = store ?? new InMemoryConversationStore();
        var program = Microsoft.Extensions.Options.Options.Create(new ProgramOptions { Name = "Career Hub", HelpContact = "555-0100", Url = "https://careers.example.edu" });
        var email = Microsoft.Extensions.Options.Options.Create(new EmailOptions { FromAddress = "line@example.edu" });
        Composer = new FollowUpComposer(TestScripts.Create(), new FluidFollowUpRenderer(), program, email);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public FollowUpOptions Options { get; }

    public IConversationStore Store { get; }

    public FakeEmailSender Sender { get; } = new();

    public FollowUpComposer Composer { get; }

    public FollowUpProcessor Processor => new(Store, Composer, Sender, Time, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<FollowUpProcessor>.Instance);

    public static TexterId Texter(int n) => new(n.ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + new string('c', 60));

    /// <summary>What EMAIL does: stores the address, schedules the follow-up and indexes it first.</summary>
    public async Task EmailAsync(TexterId texter, string address = "texter@example.com", string[]? path = null)
    {
        var now = Time.GetUtcNow();
        var due = now + Options.Delay;
        var existing = await Store.GetAsync(texter, CancellationToken.None);
        var conversation = (existing?.Conversation ?? Conversation.Start("welcome", now)) with
        {
            StateId = "done",
            Situation = "dealbreaker",
            Path = [.. path ?? ["welcome", "dealbreaker", "dealbreaker-no", "done"]],
            LastMessageAt = now,
            Email = address,
            FollowUp = new FollowUp { Status = FollowUpStatus.Scheduled, DueAt = due, IndexedAt = due },
        };
        await Store.IndexFollowUpAsync(texter, due, CancellationToken.None);
        await Store.SaveAsync(texter, conversation, existing?.ETag, new MessageReceipt(Guid.NewGuid().ToString("N"), "ok", now), CancellationToken.None);
    }

    /// <summary>What a later text does: pushes a scheduled follow-up back without touching the index.</summary>
    public Task TextAsync(TexterId texter) => ChangeAsync(texter, conversation => conversation with
    {
        LastMessageAt = Time.GetUtcNow(),
        FollowUp = conversation.FollowUp is { Status: FollowUpStatus.Scheduled } followUp
            ? followUp with { DueAt = Time.GetUtcNow() + Options.Delay }
            : conversation.FollowUp,
    });

    public async Task ChangeAsync(TexterId texter, Func<Conversation, Conversation> change)
    {
        var stored = await Store.GetAsync(texter, CancellationToken.None) ?? throw new InvalidOperationException("No conversation.");
        await Store.UpdateAsync(texter, change(stored.Conversation), stored.ETag, CancellationToken.None);
    }

    public async Task<FollowUp> FollowUpAsync(TexterId texter) =>
        (await Store.GetAsync(texter, CancellationToken.None))?.Conversation.FollowUp ?? throw new InvalidOperationException("No follow-up.");

    /// <summary>Every index entry, whether due or not.</summary>
    public Task<IReadOnlyList<FollowUpIndexEntry>> IndexAsync() =>
        Store.GetDueFollowUpsAsync(DateTimeOffset.MaxValue, int.MaxValue, CancellationToken.None);

    public Task<FollowUpSweepResult> RunAsync() => Processor.RunAsync(TestContext.Current.CancellationToken);
}
