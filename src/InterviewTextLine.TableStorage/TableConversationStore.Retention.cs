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

    private static readonly string[] ScanColumns = ["PartitionKey", "RowKey", ConversationEntity.TallyUntil, ConversationEntity.StateId];

    public async Task<RetentionPage> ReadPageAsync(
        DateTimeOffset idleSince, DateTimeOffset forgottenBefore, DateTimeOffset expiredBefore, string? resumeAt, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);

        // Idle conversations, FORGET records past their time, reply tallies (rows FORGET left) and address claims
        // that have expired, and any row of a texter partition that is not its conversation (receipt rows of an older
        // version of the line). Still a scan of the table on the service side, but only the keys of what is to go
        // come back, with the one column that tells a tally from a conversation. Column names are written into the
        // filter as they are (ConversationEntity.TallyUntil, UntilColumn): an interpolated one would be quoted as a value.
        var filter = TableClient.CreateQueryFilter(
            $"(RowKey eq {StorageKeys.ConversationRow} and LastMessageAt lt {idleSince.ToUniversalTime()})")
            + " or " + TableClient.CreateQueryFilter(
                $"(RowKey eq {StorageKeys.ConversationRow} and TallyUntil lt {expiredBefore.ToUniversalTime()})")
            + " or " + TableClient.CreateQueryFilter(
                $"(PartitionKey eq {StorageKeys.ForgottenPartition} and Timestamp lt {forgottenBefore.ToUniversalTime()})")
            + " or " + TableClient.CreateQueryFilter(
                $"(PartitionKey eq {StorageKeys.ClaimsPartition} and Until lt {expiredBefore.ToUniversalTime()})")
            + " or " + TableClient.CreateQueryFilter(
                $"(RowKey ne {StorageKeys.ConversationRow} and PartitionKey ne {StorageKeys.ForgottenPartition} and PartitionKey ne {StorageKeys.RetentionPartition} and PartitionKey ne {StorageKeys.ClaimsPartition})");
        var pageSizeHint = Math.Min(pageSize, 1000);
        var pages = _conversations.QueryAsync<TableEntity>(filter, pageSizeHint, ScanColumns, cancellationToken).AsPages(resumeAt, pageSizeHint);
        await foreach (var page in pages)
        {
            var idle = new List<TexterId>();
            var states = new Dictionary<string, string>(StringComparer.Ordinal);
            var leftovers = new List<string>();
            foreach (var row in page.Values)
            {
                if (row.PartitionKey == StorageKeys.ClaimsPartition || (row.RowKey == StorageKeys.ConversationRow && row.TryGetValue(ConversationEntity.TallyUntil, out var until) && until is not null))
                {
                    // Deleted only if not written again since (claimed again, or replaced by the texter's next text).
                    leftovers.Add(StorageKeys.RowReference(row.PartitionKey, row.RowKey, row.ETag.ToString()));
                }
                else if (row.RowKey == StorageKeys.ConversationRow && row.PartitionKey is not (StorageKeys.ForgottenPartition or StorageKeys.RetentionPartition))
                {
                    idle.Add(new TexterId(row.PartitionKey));
                    if (row.GetString(ConversationEntity.StateId) is { } state)
                    {
                        states[row.PartitionKey] = state;
                    }
                }
                else
                {
                    leftovers.Add(StorageKeys.RowReference(row.PartitionKey, row.RowKey));
                }
            }

            return new RetentionPage(idle, leftovers, page.ContinuationToken) { IdleStates = states };
        }

        return new RetentionPage([], [], null);
    }

    public async Task DeleteLeftoversAsync(IReadOnlyList<string> leftovers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leftovers);
        var rows = leftovers.Select(StorageKeys.ParseRowReference).ToList();
        foreach (var partition in rows.Where(row => row.ETag is null).GroupBy(row => row.PartitionKey, StringComparer.Ordinal))
        {
            await DeleteRowsAsync(partition.Key, partition.Select(row => row.RowKey), cancellationToken);
        }

        foreach (var (partitionKey, rowKey, etag) in rows.Where(row => row.ETag is not null))
        {
            try
            {
                await _conversations.DeleteEntityAsync(partitionKey, rowKey, new Azure.ETag(etag!), cancellationToken);
            }
            catch (Azure.RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.PreconditionFailed)
            {
                // Gone already, or written again since the page was read (a new claim, the texter's next text): it stays.
            }
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
