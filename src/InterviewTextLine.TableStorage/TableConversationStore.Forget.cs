using System.Net;
using Azure;
using Azure.Data.Tables;
using InterviewTextLine.Core.Storage;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.TableStorage;

/// <remarks>
/// FORGET and deletion: the texter's follow-up index entries and outbox requests first, then any other row of the
/// partition, then the conversation row, or what must stay in its place, in one write; a FORGET record last.
/// </remarks>
public sealed partial class TableConversationStore
{
    public async Task<bool> ForgetAsync(TexterId texter, string messageId, ForgetRemainder remainder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remainder);
        var tombstone = ForgetTombstone.Key(texter, messageId);
        var done = await _conversations.GetEntityIfExistsAsync<TableEntity>(StorageKeys.ForgottenPartition, tombstone, KeyColumns, cancellationToken);
        if (done.HasValue)
        {
            return false;
        }

        await EraseAsync(texter, remainder, cancellationToken);

        // Written last: an erase cut short leaves no record, so a re-delivery of the same FORGET finishes the job.
        await _conversations.UpsertEntityAsync(new TableEntity(StorageKeys.ForgottenPartition, tombstone), TableUpdateMode.Replace, cancellationToken);
        return true;
    }

    public Task DeleteAsync(TexterId texter, CancellationToken cancellationToken) => EraseAsync(texter, ForgetRemainder.Nothing, cancellationToken);

    /// <summary>
    /// Deletes the texter's follow-up index entries, then any other row of the partition (rows of an older version
    /// of the line), then the conversation, or replaces it with <paramref name="remainder"/> in one write. Whatever
    /// interrupts it, the conversation is still there to be found and erased again, and nothing is left that only a
    /// scan could find.
    /// </summary>
    private async Task EraseAsync(TexterId texter, ForgetRemainder remainder, CancellationToken cancellationToken)
    {
        var partitionKey = StorageKeys.PartitionKey(texter);

        // The index and the outbox hold only pending follow-ups and requests, so filtering them is cheap, and FORGET
        // and retention are rare. The outbox rows go with the index entries: a number waiting to be sent is erased too.
        var indexFilter = TableClient.CreateQueryFilter(
            $"(PartitionKey eq {StorageKeys.DuePartition} or PartitionKey eq {StorageKeys.HandoffPartition}) and Texter eq {texter.Value}");
        var indexed = new List<(string PartitionKey, string RowKey)>();
        await foreach (var entry in _followUps.QueryAsync<TableEntity>(indexFilter, select: KeyColumns, cancellationToken: cancellationToken))
        {
            indexed.Add((entry.PartitionKey, entry.RowKey));
        }

        foreach (var (partition, row) in indexed)
        {
            await DeleteIgnoringMissingAsync(_followUps, partition, row, cancellationToken);
        }

        var others = new List<string>();
        var hasConversation = false;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        await foreach (var row in _conversations.QueryAsync<TableEntity>(filter, select: KeyColumns, cancellationToken: cancellationToken))
        {
            if (row.RowKey == StorageKeys.ConversationRow)
            {
                hasConversation = true;
            }
            else
            {
                others.Add(row.RowKey);
            }
        }

        await DeleteRowsAsync(partitionKey, others, cancellationToken);
        if (remainder.OptedOut is { } optedOut)
        {
            await _conversations.UpsertEntityAsync(
                ConversationEntity.ToEntity(partitionKey, optedOut with { Receipts = MessageReceipts.Empty }), TableUpdateMode.Replace, cancellationToken);
        }
        else if (remainder.Tally is { } tally)
        {
            await _conversations.UpsertEntityAsync(ConversationEntity.ToTallyEntity(partitionKey, tally), TableUpdateMode.Replace, cancellationToken);
        }
        else if (hasConversation)
        {
            await DeleteIgnoringMissingAsync(_conversations, partitionKey, StorageKeys.ConversationRow, cancellationToken);
        }

        LogDeleted(_logger, others.Count + (hasConversation ? 1 : 0), indexed.Count);
    }

    /// <summary>Deletes rows of one partition, a transaction of up to 100 at a time; missing rows are not an error.</summary>
    private async Task DeleteRowsAsync(string partitionKey, IEnumerable<string> rowKeys, CancellationToken cancellationToken)
    {
        foreach (var chunk in rowKeys.Chunk(MaxTransactionActions))
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

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Deleted a texter's data: {Rows} rows and {IndexEntries} follow-up index entries")]
    private static partial void LogDeleted(ILogger logger, int rows, int indexEntries);
}
