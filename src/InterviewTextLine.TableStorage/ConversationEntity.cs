using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.FollowUps;
using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.TableStorage;

/// <summary>
/// Maps a conversation to explicit typed columns and back. Explicit columns (rather than one JSON
/// blob) keep the table readable in Storage Explorer and let retention filter on LastMessageAt on the
/// server. Nothing a texter typed is stored except the email address they gave.
/// </summary>
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

    // A receipt row: the reply that was sent for one message id, so a re-delivery gets it again.
    public const string MessageId = nameof(MessageId);
    public const string Reply = nameof(Reply);
    public const string HandledAt = nameof(HandledAt);

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
        };

        // Null columns are left out: a Replace write then removes whatever the row held before.
        SetIfNotNull(entity, Situation, conversation.Situation);
        SetIfNotNull(entity, Language, conversation.Language);
        SetIfNotNull(entity, Email, conversation.Email);
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
        };
    }

    public static TableEntity ToEntity(string partitionKey, MessageReceipt receipt)
    {
        var entity = new TableEntity(partitionKey, StorageKeys.ReceiptRow(receipt.MessageId))
        {
            [MessageId] = receipt.MessageId,
            [HandledAt] = receipt.HandledAt.ToUniversalTime(),
        };
        SetIfNotNull(entity, Reply, receipt.Reply);
        return entity;
    }

    public static MessageReceipt ToReceipt(TableEntity entity, string messageId) =>
        new(
            messageId,
            entity.GetString(Reply),
            entity.GetDateTimeOffset(HandledAt) ?? throw Corrupt(entity, HandledAt));

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
