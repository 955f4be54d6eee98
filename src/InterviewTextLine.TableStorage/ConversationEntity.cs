using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Handoffs;
using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.TableStorage;

/// <summary>
/// Maps a conversation to explicit typed columns and back. Explicit columns (rather than one JSON
/// blob) keep the table readable in Storage Explorer and let retention filter on LastMessageAt on the
/// server. The receipts of the last messages are one JSON column of the same row, so a texter is one row.
/// Nothing a texter typed is stored except the email address they gave.
/// </summary>
/// <remarks>
/// The same row holds, after FORGET, the reply cap's tally alone (<see cref="ToTallyEntity"/>): the window's
/// columns and <see cref="TallyUntil"/>, which no conversation row has, and nothing else.
/// </remarks>
internal static class ConversationEntity
{
    public const string StateId = nameof(StateId);
    public const string Situation = nameof(Situation);
    public const string Language = nameof(Language);
    public const string Path = nameof(Path);
    public const string Situations = nameof(Situations);
    public const string StartedAt = nameof(StartedAt);
    public const string LastMessageAt = nameof(LastMessageAt);
    public const string OptedOut = nameof(OptedOut);
    public const string Email = nameof(Email);
    public const string FollowUpStatus = nameof(FollowUpStatus);
    public const string FollowUpDueAt = nameof(FollowUpDueAt);
    public const string FollowUpIndexedAt = nameof(FollowUpIndexedAt);
    public const string FollowUpAttempts = nameof(FollowUpAttempts);
    public const string FollowUpNextAttemptAt = nameof(FollowUpNextAttemptAt);
    public const string FollowUpClaimedAt = nameof(FollowUpClaimedAt);
    public const string FollowUpSentAt = nameof(FollowUpSentAt);
    public const string FollowUpLastError = nameof(FollowUpLastError);
    public const string AddressesGiven = nameof(AddressesGiven);
    public const string RepliesSince = nameof(RepliesSince);
    public const string Replies = nameof(Replies);
    public const string HelpReplies = nameof(HelpReplies);
    public const string TallyUntil = nameof(TallyUntil);
    public const string AskedBack = nameof(AskedBack);
    public const string HandoffStatus = nameof(HandoffStatus);
    public const string HandoffAt = nameof(HandoffAt);
    public const string HandoffRequestId = nameof(HandoffRequestId);
    public const string HandoffClaimedAt = nameof(HandoffClaimedAt);
    public const string HandoffSentAt = nameof(HandoffSentAt);
    public const string HandoffLastError = nameof(HandoffLastError);
    public const string Receipts = nameof(Receipts);

    public static TableEntity ToEntity(string partitionKey, Conversation conversation)
    {
        var entity = new TableEntity(partitionKey, StorageKeys.ConversationRow)
        {
            [StateId] = conversation.StateId,
            [Path] = JsonSerializer.Serialize(conversation.Path, StorageJsonContext.Default.ImmutableListString),
            [Situations] = JsonSerializer.Serialize(conversation.Situations, StorageJsonContext.Default.ImmutableListString),
            [StartedAt] = conversation.StartedAt.ToUniversalTime(),
            [LastMessageAt] = conversation.LastMessageAt.ToUniversalTime(),
            [OptedOut] = conversation.OptedOut,
            [AddressesGiven] = conversation.AddressesGiven,
            [Replies] = conversation.Replies,
            [HelpReplies] = conversation.HelpReplies,
            [AskedBack] = conversation.AskedBack,
        };

        // Null columns are left out: a Replace write then removes whatever the row held before.
        SetIfNotNull(entity, Situation, conversation.Situation);
        SetIfNotNull(entity, Language, conversation.Language);
        SetIfNotNull(entity, Email, conversation.Email);
        SetIfNotNull(entity, RepliesSince, conversation.RepliesSince?.ToUniversalTime());
        if (conversation.Receipts.Count > 0)
        {
            entity[Receipts] = JsonSerializer.Serialize(
                conversation.Receipts.Select(receipt => new StoredReceipt(receipt.MessageId, receipt.Reply, receipt.HandledAt.ToUniversalTime())).ToList(),
                StorageJsonContext.Default.ListStoredReceipt);
        }
        if (conversation.FollowUp is { } followUp)
        {
            entity[FollowUpStatus] = followUp.Status.ToString();
            entity[FollowUpDueAt] = followUp.DueAt.ToUniversalTime();
            entity[FollowUpAttempts] = followUp.Attempts;
            SetIfNotNull(entity, FollowUpIndexedAt, followUp.IndexedAt?.ToUniversalTime());
            SetIfNotNull(entity, FollowUpNextAttemptAt, followUp.NextAttemptAt?.ToUniversalTime());
            SetIfNotNull(entity, FollowUpClaimedAt, followUp.ClaimedAt?.ToUniversalTime());
            SetIfNotNull(entity, FollowUpSentAt, followUp.SentAt?.ToUniversalTime());
            SetIfNotNull(entity, FollowUpLastError, followUp.LastError);
        }

        if (conversation.Handoff is { } handoff)
        {
            // The request's status and id only: the number waits, encrypted, in the outbox row until it is sent.
            entity[HandoffStatus] = handoff.Status.ToString();
            entity[HandoffAt] = handoff.At.ToUniversalTime();
            SetIfNotNull(entity, HandoffRequestId, handoff.RequestId);
            SetIfNotNull(entity, HandoffClaimedAt, handoff.ClaimedAt?.ToUniversalTime());
            SetIfNotNull(entity, HandoffSentAt, handoff.SentAt?.ToUniversalTime());
            SetIfNotNull(entity, HandoffLastError, handoff.LastError);
        }

        return entity;
    }

    public static Conversation ToConversation(TableEntity entity)
    {
        return new Conversation
        {
            StateId = entity.GetString(StateId) ?? throw Corrupt(entity, StateId),
            Situation = entity.GetString(Situation),
            Language = entity.GetString(Language),
            Path = ToList(entity, Path),
            // Rows written before the column existed have none: the email then finds the situations on the path.
            Situations = ToList(entity, Situations),
            StartedAt = entity.GetDateTimeOffset(StartedAt) ?? throw Corrupt(entity, StartedAt),
            LastMessageAt = entity.GetDateTimeOffset(LastMessageAt) ?? throw Corrupt(entity, LastMessageAt),
            OptedOut = entity.GetBoolean(OptedOut) ?? false,
            Email = entity.GetString(Email),
            FollowUp = ToFollowUp(entity),
            Handoff = ToHandoff(entity),
            AddressesGiven = entity.GetInt32(AddressesGiven) ?? 0,
            RepliesSince = entity.GetDateTimeOffset(RepliesSince),
            Replies = entity.GetInt32(Replies) ?? 0,
            HelpReplies = entity.GetInt32(HelpReplies) ?? 0,
            AskedBack = entity.GetBoolean(AskedBack) ?? false,
            Receipts = ToReceipts(entity),
        };
    }

    /// <summary>The row FORGET leaves: the reply cap's tally and when it expires, nothing else.</summary>
    public static TableEntity ToTallyEntity(string partitionKey, ReplyTally tally) =>
        new(partitionKey, StorageKeys.ConversationRow)
        {
            [RepliesSince] = tally.Since.ToUniversalTime(),
            [TallyUntil] = tally.Until.ToUniversalTime(),
            [Replies] = tally.Replies,
            [HelpReplies] = tally.HelpReplies,
        };

    /// <summary>True for the row FORGET leaves (a tally), false for a conversation.</summary>
    public static bool IsTally(TableEntity entity) =>
        entity.TryGetValue(TallyUntil, out var until) && until is not null && !(entity.TryGetValue(StateId, out var state) && state is not null);

    public static ReplyTally ToTally(TableEntity entity) => new(
        entity.GetDateTimeOffset(RepliesSince) ?? throw Corrupt(entity, RepliesSince),
        entity.GetDateTimeOffset(TallyUntil) ?? throw Corrupt(entity, TallyUntil),
        entity.GetInt32(Replies) ?? 0,
        entity.GetInt32(HelpReplies) ?? 0);

    private static MessageReceipts ToReceipts(TableEntity entity) =>
        entity.GetString(Receipts) is { Length: > 0 } json
            ? MessageReceipts.Of((JsonSerializer.Deserialize(json, StorageJsonContext.Default.ListStoredReceipt) ?? [])
                .Select(stored => new MessageReceipt(stored.Id, stored.Reply, stored.At)))
            : MessageReceipts.Empty;

    private static FollowUp? ToFollowUp(TableEntity entity)
    {
        if (entity.GetString(FollowUpStatus) is not { } status)
        {
            return null;
        }

        return FollowUp.Restore(
            Enum.Parse<FollowUpStatus>(status),
            entity.GetDateTimeOffset(FollowUpDueAt) ?? throw Corrupt(entity, FollowUpDueAt),
            entity.GetDateTimeOffset(FollowUpIndexedAt),
            entity.GetInt32(FollowUpAttempts) ?? 0,
            entity.GetDateTimeOffset(FollowUpNextAttemptAt),
            entity.GetDateTimeOffset(FollowUpClaimedAt),
            entity.GetDateTimeOffset(FollowUpSentAt),
            entity.GetString(FollowUpLastError));
    }

    private static Handoff? ToHandoff(TableEntity entity) =>
        entity.GetString(HandoffStatus) is { } status
            ? new Handoff(Enum.Parse<HandoffStatus>(status), entity.GetDateTimeOffset(HandoffAt) ?? throw Corrupt(entity, HandoffAt), entity.GetString(HandoffRequestId))
            {
                ClaimedAt = entity.GetDateTimeOffset(HandoffClaimedAt),
                SentAt = entity.GetDateTimeOffset(HandoffSentAt),
                LastError = entity.GetString(HandoffLastError),
            }
            : null;

    private static ImmutableList<string> ToList(TableEntity entity, string column) =>
        entity.GetString(column) is { Length: > 0 } json
            ? JsonSerializer.Deserialize(json, StorageJsonContext.Default.ImmutableListString) ?? []
            : [];

    private static void SetIfNotNull(TableEntity entity, string column, object? value)
    {
        if (value is not null)
        {
            entity[column] = value;
        }
    }

    private static InvalidDataException Corrupt(TableEntity entity, string column) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"Stored row '{entity.RowKey}' has no {column} column."));
}
