using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.TableStorage;

/// <summary>
/// The conversation store on Azure Table Storage.
/// </summary>
/// <remarks>
/// <para>
/// Conversations table: one partition per texter (the texter id, a keyed hash, never a number) holding one
/// row, <c>conversation</c>: the state and, in its <c>Receipts</c> column, the receipts of the last
/// <see cref="MessageReceipts.Capacity"/> messages with the replies sent. An inbound text is one point read of
/// that row and one conditional write of it, which adds the new receipt and drops the oldest in the same atomic
/// write, so a partition never grows however long someone texts. After FORGET the same row holds only what must
/// stay (<see cref="ForgetRemainder"/>): the reply cap's tally until its window closes, or an opt-out; the next
/// text's write replaces it. Three more partitions hold the FORGET records (<c>forgotten</c>), the retention
/// sweep's checkpoint (<c>retention</c>) and the address claims (<c>summaries</c>); see
/// TableConversationStore.Retention.cs and TableConversationStore.AddressClaims.cs. FORGET and deletion are in
/// TableConversationStore.Forget.cs.
/// </para>
/// <para>
/// Follow-ups table: the index of pending follow-ups (the <see cref="IFollowUpIndex"/> part, in
/// TableConversationStore.FollowUpIndex.cs) and the handoff outbox (partition <c>handoffs</c>, in
/// TableConversationStore.HandoffOutbox.cs).
/// </para>
/// </remarks>
public sealed partial class TableConversationStore : IConversationStorage
{
    private const int MaxTransactionActions = 100;

    private static readonly string[] KeyColumns = ["PartitionKey", "RowKey"];
    private static readonly string[] IndexColumns = ["RowKey", IndexTexterColumn, IndexDueAtColumn];

    private const string IndexTexterColumn = "Texter";
    private const string IndexDueAtColumn = "DueAt";

    private readonly TableClient _conversations;
    private readonly TableClient _followUps;
    private readonly ILogger<TableConversationStore> _logger;

    public TableConversationStore(TableServiceClient serviceClient, IOptions<StorageOptions> options, ILogger<TableConversationStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(serviceClient);
        ArgumentNullException.ThrowIfNull(options);
        _conversations = serviceClient.GetTableClient(options.Value.ConversationsTable);
        _followUps = serviceClient.GetTableClient(options.Value.FollowUpsTable);
        _logger = logger ?? NullLogger<TableConversationStore>.Instance;
    }

    /// <summary>Creates both tables when they are missing.</summary>
    public async Task CreateTablesIfNotExistsAsync(CancellationToken cancellationToken)
    {
        await _conversations.CreateIfNotExistsAsync(cancellationToken);
        await _followUps.CreateIfNotExistsAsync(cancellationToken);
    }

    public Task<ConversationSnapshot> ReadForMessageAsync(TexterId texter, string messageId, CancellationToken cancellationToken) =>
        WithTablesAsync(() => ReadForMessageOnceAsync(texter, messageId, cancellationToken), cancellationToken);

    private async Task<ConversationSnapshot> ReadForMessageOnceAsync(TexterId texter, string messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageId);

        // A point read of the one row: the cheapest request Table Storage has, and the same at any history length.
        var row = await ReadRowAsync(texter, cancellationToken);
        return row switch
        {
            { Conversation: { } conversation } => new ConversationSnapshot(conversation, row.ETag, conversation.Receipts.Find(messageId)),
            { ETag: { } etag } => new ConversationSnapshot(null, etag, null) { Tally = row.Tally, Unreadable = row.Unreadable },
            _ => new ConversationSnapshot(null, null, null),
        };
    }

    public async Task<string> SaveWithReceiptAsync(TexterId texter, Conversation conversation, string? expectedETag, MessageReceipt receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(receipt);
        var partitionKey = StorageKeys.PartitionKey(texter);
        if (conversation.Receipts.Find(receipt.MessageId) is not null)
        {
            // The version being saved on already handled this message: whoever read it must reload and reply from it.
            LogSaveConflict(_logger, (int)HttpStatusCode.Conflict, duplicate: true);
            throw new ConcurrencyConflictException("The message was already handled.");
        }

        var entity = ConversationEntity.ToEntity(partitionKey, conversation with { Receipts = conversation.Receipts.Add(receipt) });
        try
        {
            // The ETag must be passed explicitly: without it a replace sends no If-Match and silently becomes an
            // upsert. Adding fails on an existing row, so a new texter's first text cannot overwrite a concurrent one.
            // A missing table shows first here: the point read before it takes a missing table for a missing row.
            var response = await WithTablesAsync(
                async () => expectedETag is null
                    ? await _conversations.AddEntityAsync(entity, cancellationToken)
                    : await _conversations.UpdateEntityAsync(entity, new ETag(expectedETag), TableUpdateMode.Replace, cancellationToken),
                cancellationToken);
            return response.Headers.ETag?.ToString()
                ?? throw new InvalidOperationException("Table Storage returned no ETag for the saved conversation.");
        }
        catch (RequestFailedException ex) when (IsConflict(ex))
        {
            LogSaveConflict(_logger, ex.Status, duplicate: false);
            throw new ConcurrencyConflictException("The conversation changed since it was read.", ex);
        }
    }

    public async Task<StoredConversation?> ReadAsync(TexterId texter, CancellationToken cancellationToken)
    {
        var row = await ReadRowAsync(texter, cancellationToken);
        return row.Conversation is { } conversation ? new StoredConversation(texter, conversation, row.ETag!) : null;
    }

    /// <summary>
    /// The texter's row as it reads: a conversation, the tally FORGET left, or neither because it cannot be read
    /// (then <see cref="StoredRow.Unreadable"/>, with the row's ETag so a save can replace it); all null when there
    /// is no row.
    /// </summary>
    private async Task<StoredRow> ReadRowAsync(TexterId texter, CancellationToken cancellationToken)
    {
        var response = await _conversations.GetEntityIfExistsAsync<TableEntity>(
            StorageKeys.PartitionKey(texter), StorageKeys.ConversationRow, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return new StoredRow(null, null, null, Unreadable: false);
        }

        var etag = entity.ETag.ToString();
        try
        {
            return ConversationEntity.IsTally(entity)
                ? new StoredRow(null, ConversationEntity.ToTally(entity), etag, Unreadable: false)
                : new StoredRow(ConversationEntity.ToConversation(entity), null, etag, Unreadable: false);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or FormatException or InvalidOperationException
            or ArgumentException or InvalidCastException or OverflowException or NotSupportedException)
        {
            // A row no version of the line could have written (edited by hand, half-migrated, corrupted): the texter
            // starts afresh rather than being answered with a 500 for ever, and the next save replaces the row.
            // Only the kind of failure is logged: the message could quote the row.
            LogUnreadable(_logger, ex.GetType().Name);
            return new StoredRow(null, null, etag, Unreadable: true);
        }
    }

    public async Task<string> ReplaceAsync(TexterId texter, Conversation conversation, string expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(expectedETag);
        var partitionKey = StorageKeys.PartitionKey(texter);
        try
        {
            var response = await _conversations.UpdateEntityAsync(
                ConversationEntity.ToEntity(partitionKey, conversation), new ETag(expectedETag), TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag?.ToString()
                ?? throw new InvalidOperationException("Table Storage returned no ETag for the updated conversation.");
        }
        catch (RequestFailedException ex) when (IsConflict(ex))
        {
            LogUpdateConflict(_logger, ex.Status);
            throw new ConcurrencyConflictException("The conversation changed since it was read.", ex);
        }
    }

    /// <summary>
    /// Runs <paramref name="operation"/>, creating the tables and trying once more if they are missing.
    /// </summary>
    /// <remarks>
    /// The tables are created at startup, but a host that starts while storage is unreachable only logs that
    /// (so it can still serve the fallback URL), and storage can lose them afterwards (an emptied emulator, a
    /// recreated account). Without this, such a host would fail every text until someone restarted it. The
    /// entry points (the read and the write of a text, the first read of a sweep or of retention) are covered,
    /// and each creates both tables, so the writes that follow find them.
    /// </remarks>
    private async Task<T> WithTablesAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation();
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound && ex.ErrorCode == Azure.Data.Tables.Models.TableErrorCode.TableNotFound)
        {
            LogTablesMissing(_logger);
            await CreateTablesIfNotExistsAsync(cancellationToken);
            return await operation();
        }
    }

    // 409: the row appeared; 412: the ETag moved on; 404: the conversation an update expected was deleted.
    // All mean "reload and decide again" (a missing table is not a lost race).
    private static bool IsConflict(RequestFailedException ex) =>
        (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        && ex.ErrorCode != Azure.Data.Tables.Models.TableErrorCode.TableNotFound;

    // Log lines carry no texter id: a conflict or a deletion is worth counting, not tracing to a person.
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Conversation save lost a race (status {Status}, duplicate message {Duplicate})")]
    private static partial void LogSaveConflict(ILogger logger, int status, bool duplicate);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Conversation update lost a race (status {Status})")]
    private static partial void LogUpdateConflict(ILogger logger, int status);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Table Storage tables were missing; creating them")]
    private static partial void LogTablesMissing(ILogger logger);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "A stored conversation could not be read ({Failure}); it reads as none, and the next save replaces it")]
    private static partial void LogUnreadable(ILogger logger, string failure);

    /// <summary>What the texter's row reads as.</summary>
    private sealed record StoredRow(Conversation? Conversation, ReplyTally? Tally, string? ETag, bool Unreadable);
}
