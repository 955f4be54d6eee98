using System.Net;
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
/// Conversations table: one partition per texter (the texter id, a keyed hash, never a number), holding
/// the row <c>conversation</c> with the state and one <c>msg|&lt;MessageSid&gt;</c> row per handled message
/// with the reply sent. One partition per texter, so the state and the reply record commit in one entity
/// group transaction, and one query reads both.
/// </para>
/// <para>
/// Follow-ups table: the index of pending follow-ups (the <see cref="IFollowUpIndex"/> part, in
/// TableConversationStore.FollowUpIndex.cs).
/// </para>
/// </remarks>
public sealed partial class TableConversationStore : IConversationStore, IFollowUpIndex, IIdleConversationScan
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
        var partitionKey = StorageKeys.PartitionKey(texter);
        var receiptRow = StorageKeys.ReceiptRow(messageId);

        // One partition query for both rows: the common inbound path is one read.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and (RowKey eq {StorageKeys.ConversationRow} or RowKey eq {receiptRow})");

        Conversation? conversation = null;
        string? etag = null;
        MessageReceipt? receipt = null;
        await foreach (var entity in _conversations.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entity.RowKey == StorageKeys.ConversationRow)
            {
                conversation = ConversationEntity.ToConversation(entity);
                etag = entity.ETag.ToString();
            }
            else
            {
                receipt = ConversationEntity.ToReceipt(entity, messageId);
            }
        }

        return new ConversationSnapshot(conversation, etag, receipt);
    }

    public async Task<string> SaveWithReceiptAsync(TexterId texter, Conversation conversation, string? expectedETag, MessageReceipt receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(receipt);
        var partitionKey = StorageKeys.PartitionKey(texter);
        var state = ConversationEntity.ToEntity(partitionKey, conversation);

        // The ETag must be passed explicitly: without it UpdateReplace sends no If-Match and silently
        // becomes an upsert. Add fails on an existing row, so a receipt is never overwritten.
        TableTransactionAction[] actions =
        [
            expectedETag is null
                ? new TableTransactionAction(TableTransactionActionType.Add, state)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, new ETag(expectedETag)),
            new TableTransactionAction(TableTransactionActionType.Add, ConversationEntity.ToEntity(partitionKey, receipt)),
        ];

        try
        {
            var response = await _conversations.SubmitTransactionAsync(actions, cancellationToken);
            return response.Value[0].Headers.ETag?.ToString()
                ?? throw new InvalidOperationException("Table Storage returned no ETag for the saved conversation.");
        }
        catch (TableTransactionFailedException ex) when (IsConflict(ex))
        {
            var duplicate = ex.FailedTransactionActionIndex == 1;
            LogSaveConflict(_logger, ex.Status, duplicate);
            throw duplicate
                ? new ConcurrencyConflictException("The message was already handled.", ex)
                : new ConcurrencyConflictException("The conversation changed since it was read.", ex);
        }
    }

    public async Task<StoredConversation?> ReadAsync(TexterId texter, CancellationToken cancellationToken)
    {
        var response = await _conversations.GetEntityIfExistsAsync<TableEntity>(
            StorageKeys.PartitionKey(texter), StorageKeys.ConversationRow, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity
            ? new StoredConversation(texter, ConversationEntity.ToConversation(entity), entity.ETag.ToString())
            : null;
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

    public async Task DeleteAsync(TexterId texter, CancellationToken cancellationToken)
    {
        var partitionKey = StorageKeys.PartitionKey(texter);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        var rows = new List<string>();
        await foreach (var entity in _conversations.QueryAsync<TableEntity>(filter, select: KeyColumns, cancellationToken: cancellationToken))
        {
            rows.Add(entity.RowKey);
        }

        // Forgetting must leave nothing behind, including index entries an interrupted sweep may have
        // orphaned. The index partition holds only pending follow-ups, so filtering it is cheap, and
        // FORGET and retention are rare.
        var indexFilter = TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.DuePartition} and Texter eq {texter.Value}");
        var indexed = new List<string>();
        await foreach (var entry in _followUps.QueryAsync<TableEntity>(indexFilter, select: KeyColumns, cancellationToken: cancellationToken))
        {
            indexed.Add(entry.RowKey);
        }

        foreach (var row in indexed)
        {
            await DeleteIgnoringMissingAsync(_followUps, StorageKeys.DuePartition, row, cancellationToken);
        }

        foreach (var chunk in rows.Chunk(MaxTransactionActions))
        {
            var actions = chunk.Select(row =>
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, row), ETag.All));
            try
            {
                await _conversations.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
            {
                // A concurrent delete removed a row first; delete what is left one by one.
                foreach (var row in chunk)
                {
                    await DeleteIgnoringMissingAsync(_conversations, partitionKey, row, cancellationToken);
                }
            }
        }

        LogDeleted(_logger, rows.Count, indexed.Count);
    }

    /// <summary>
    /// Runs <paramref name="operation"/>, creating the tables and trying once more if they are missing.
    /// </summary>
    /// <remarks>
    /// The tables are created at startup, but a host that starts while storage is unreachable only logs that
    /// (so it can still serve the fallback URL), and storage can lose them afterwards (an emptied emulator, a
    /// recreated account). Without this, such a host would fail every text until someone restarted it. Both
    /// entry points (the first read of a text, the first read of a sweep) are covered, and both create both
    /// tables, so the writes that follow find them.
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

    private static async Task DeleteIgnoringMissingAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            // Already gone: removing is idempotent.
        }
    }

    // 409: the row (state or receipt) appeared; 412: the ETag moved on; 404: the conversation an
    // update expected was deleted. All mean "reload and decide again".
    private static bool IsConflict(RequestFailedException ex) =>
        ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound;


    // Log lines carry no texter id: a conflict or a deletion is worth counting, not tracing to a person.
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Conversation save lost a race (status {Status}, duplicate message {Duplicate})")]
    private static partial void LogSaveConflict(ILogger logger, int status, bool duplicate);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Conversation update lost a race (status {Status})")]
    private static partial void LogUpdateConflict(ILogger logger, int status);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Table Storage tables were missing; creating them")]
    private static partial void LogTablesMissing(ILogger logger);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Deleted a texter's data: {Rows} rows and {IndexEntries} follow-up index entries")]
    private static partial void LogDeleted(ILogger logger, int rows, int indexEntries);
}
