using System.Net;
using Azure.Data.Tables;
using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.TableStorage;

/// <remarks>
/// The retention scan: one filtered query across the conversations table, a page at a time, resumed from the
/// service's continuation token, which names the next key to read and so stays valid while the rows before it are
/// deleted. The checkpoint is that token, kept in row <c>retention/checkpoint</c>.
/// </remarks>
public sealed partial class TableConversationStore
{
    private const string ResumeAtColumn = "ResumeAt";

    public async Task<RetentionPage> ReadPageAsync(DateTimeOffset idleSince, DateTimeOffset forgottenBefore, string? resumeAt, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);

        // Idle conversations, FORGET records past their time, and any row of a texter partition that is not its
        // conversation (receipt rows of an older version of the line). Still a scan of the table on the service
        // side, but only the keys of what is to go come back.
        var filter = TableClient.CreateQueryFilter(
            $"(RowKey eq {StorageKeys.ConversationRow} and LastMessageAt lt {idleSince.ToUniversalTime()})")
            + " or " + TableClient.CreateQueryFilter(
                $"(PartitionKey eq {StorageKeys.ForgottenPartition} and Timestamp lt {forgottenBefore.ToUniversalTime()})")
            + " or " + TableClient.CreateQueryFilter(
                $"(RowKey ne {StorageKeys.ConversationRow} and PartitionKey ne {StorageKeys.ForgottenPartition} and PartitionKey ne {StorageKeys.RetentionPartition})");
        var pageSizeHint = Math.Min(pageSize, 1000);
        var pages = _conversations.QueryAsync<TableEntity>(filter, pageSizeHint, KeyColumns, cancellationToken).AsPages(resumeAt, pageSizeHint);
        await foreach (var page in pages)
        {
            var idle = new List<TexterId>();
            var leftovers = new List<string>();
            foreach (var row in page.Values)
            {
                if (row.RowKey == StorageKeys.ConversationRow && row.PartitionKey is not (StorageKeys.ForgottenPartition or StorageKeys.RetentionPartition))
                {
                    idle.Add(new TexterId(row.PartitionKey));
                }
                else
                {
                    leftovers.Add(StorageKeys.RowReference(row.PartitionKey, row.RowKey));
                }
            }

            return new RetentionPage(idle, leftovers, page.ContinuationToken);
        }

        return new RetentionPage([], [], null);
    }

    public async Task DeleteLeftoversAsync(IReadOnlyList<string> leftovers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leftovers);
        foreach (var partition in leftovers.Select(StorageKeys.ParseRowReference).GroupBy(row => row.PartitionKey, StringComparer.Ordinal))
        {
            await DeleteRowsAsync(partition.Key, partition.Select(row => row.RowKey), cancellationToken);
        }
    }

    public async Task<string?> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        var response = await WithTablesAsync(
            () => _conversations.GetEntityIfExistsAsync<TableEntity>(StorageKeys.RetentionPartition, StorageKeys.CheckpointRow, cancellationToken: cancellationToken),
            cancellationToken);
        return response.HasValue ? response.Value?.GetString(ResumeAtColumn) : null;
    }

    public async Task WriteCheckpointAsync(string? resumeAt, CancellationToken cancellationToken)
    {
        if (resumeAt is not null)
        {
            var checkpoint = new TableEntity(StorageKeys.RetentionPartition, StorageKeys.CheckpointRow) { [ResumeAtColumn] = resumeAt };
            await _conversations.UpsertEntityAsync(checkpoint, TableUpdateMode.Replace, cancellationToken);
            return;
        }

        try
        {
            await _conversations.DeleteEntityAsync(StorageKeys.RetentionPartition, StorageKeys.CheckpointRow, Azure.ETag.All, cancellationToken);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            // No checkpoint: the last sweep finished too.
        }
    }
}
