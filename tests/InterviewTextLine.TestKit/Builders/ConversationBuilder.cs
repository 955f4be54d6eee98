using System.Collections.Immutable;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.TestKit.Builders;

/// <summary>Builds conversations for tests, with sensible defaults and the fields a test cares about.</summary>
public sealed class ConversationBuilder
{
    /// <summary>A fixed instant tests count from: deliberately not on a whole second, to catch lost precision.</summary>
    public static readonly DateTimeOffset Epoch = new DateTimeOffset(2025, 3, 4, 9, 30, 0, TimeSpan.Zero).AddTicks(1_234_567);

    private string _stateId = "welcome";
    private string? _situation;
    private ImmutableList<string> _path = [];
    private ImmutableList<string> _situations = [];
    private DateTimeOffset _startedAt = Epoch;
    private DateTimeOffset _lastMessageAt = Epoch;
    private bool _optedOut;
    private string? _email;
    private FollowUp? _followUp;
    private Core.Handoffs.Handoff? _handoff;
    private int _addressesGiven;
    private DateTimeOffset? _repliesSince;
    private int _replies;
    private int _helpReplies;
    private bool _askedBack;
    private MessageReceipts _receipts = MessageReceipts.Empty;

    public static ConversationBuilder AConversation() => new();

    public ConversationBuilder InState(string stateId)
    {
        _stateId = stateId;
        return this;
    }

    public ConversationBuilder WithSituation(string? situation)
    {
        _situation = situation;
        return this;
    }

    public ConversationBuilder WithPath(params string[] path)
    {
        _path = [.. path];
        return this;
    }

    public ConversationBuilder WithSituations(params string[] situations)
    {
        _situations = [.. situations];
        return this;
    }

    public ConversationBuilder StartedAt(DateTimeOffset startedAt)
    {
        _startedAt = startedAt;
        return this;
    }

    public ConversationBuilder LastMessageAt(DateTimeOffset lastMessageAt)
    {
        _lastMessageAt = lastMessageAt;
        return this;
    }

    public ConversationBuilder OptedOut(bool optedOut = true)
    {
        _optedOut = optedOut;
        return this;
    }

    public ConversationBuilder WithEmail(string? email)
    {
        _email = email;
        return this;
    }

    public ConversationBuilder WithFollowUp(FollowUp? followUp)
    {
        _followUp = followUp;
        return this;
    }

    public ConversationBuilder WithAddressesGiven(int addresses)
    {
        _addressesGiven = addresses;
        return this;
    }

    /// <summary>The reply cap's window: <paramref name="replies"/> replies (<paramref name="help"/> of them to HELP) since <paramref name="since"/>.</summary>
    public ConversationBuilder WithReplies(DateTimeOffset since, int replies, int help = 0)
    {
        (_repliesSince, _replies, _helpReplies) = (since, replies, help);
        return this;
    }

    /// <summary>The line's last reply was a question back.</summary>
    public ConversationBuilder WithHandoff(Core.Handoffs.Handoff? handoff)
    {
        _handoff = handoff;
        return this;
    }

    public ConversationBuilder AskedBack(bool askedBack = true)
    {
        _askedBack = askedBack;
        return this;
    }

    public ConversationBuilder WithReceipts(params MessageReceipt[] receipts)
    {
        _receipts = MessageReceipts.Of(receipts);
        return this;
    }

    /// <summary>A scheduled follow-up due at <paramref name="dueAt"/> and indexed under that time.</summary>
    public ConversationBuilder WithScheduledFollowUp(DateTimeOffset dueAt) =>
        WithFollowUp(FollowUp.Schedule(null, dueAt));

    /// <summary>Every optional field set, so a round trip checks every column.</summary>
    public ConversationBuilder WithEverythingSet() =>
        InState("summary")
            .WithSituation("laid-off")
            .WithPath("welcome", "situation", "laid-off", "summary")
            .WithSituations("unsure", "laid-off")
            .StartedAt(Epoch)
            .LastMessageAt(Epoch.AddMinutes(7))
            .OptedOut()
            .WithEmail("pat@example.org")
            .WithAddressesGiven(2)
            .WithReplies(Epoch.AddMinutes(1), 4, help: 2)
            .AskedBack()
            .WithFollowUp(FollowUp.Restore(
                FollowUpStatus.Failed,
                dueAt: Epoch.AddHours(2),
                indexedAt: Epoch.AddHours(1),
                attempts: 3,
                nextAttemptAt: Epoch.AddHours(3),
                claimedAt: Epoch.AddHours(2).AddSeconds(5),
                sentAt: Epoch.AddHours(2).AddSeconds(9),
                lastError: "rate-limited"))
            .WithHandoff(new Core.Handoffs.Handoff(Core.Handoffs.HandoffStatus.Failed, Epoch.AddMinutes(3), "0123456789abcdef0123456789abcdef")
            {
                ClaimedAt = Epoch.AddMinutes(4),
                SentAt = Epoch.AddMinutes(5),
                LastError = "unconfirmed",
            });

    public Conversation Build() => new()
    {
        StateId = _stateId,
        Situation = _situation,
        Path = _path,
        Situations = _situations,
        StartedAt = _startedAt,
        LastMessageAt = _lastMessageAt,
        OptedOut = _optedOut,
        Email = _email,
        FollowUp = _followUp,
        Handoff = _handoff,
        AddressesGiven = _addressesGiven,
        RepliesSince = _repliesSince,
        Replies = _replies,
        HelpReplies = _helpReplies,
        AskedBack = _askedBack,
        Receipts = _receipts,
    };

    public static implicit operator Conversation(ConversationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Build();
    }
}
