using Azure.Data.Tables;
using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.TableStorage;

/// <remarks>
/// The follow-up index. It lives in partition <c>due</c> of the follow-ups table,
/// row key <c>&lt;UTC ticks, 19 digits&gt;|&lt;texter&gt;</c>, so due entries are one range query in time order.
/// </remarks>
public sealed partial class TableConversationStore
{
    public async Task AddEntryAsync(TexterId texter, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(StorageKeys.DuePartition, StorageKeys.DueRow(dueAt, texter))
        {
            [IndexTexterColumn] = texter.Value,
            [IndexDueAtColumn] = dueAt.ToUniversalTime(),
        };

        // An upsert: indexing the same due time twice is one entry.
        await _followUps.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public Task<IReadOnlyList<FollowUpIndexEntry>> ReadDueAsync(DateTimeOffset now, FollowUpIndexEntry? after, int max, CancellationToken cancellationToken) =>
        WithTablesAsync(() => ReadDueOnceAsync(now, after, max, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<FollowUpIndexEntry>> ReadDueOnceAsync(DateTimeOffset now, FollowUpIndexEntry? after, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var due = new List<FollowUpIndexEntry>();
        if (max == 0)
        {
            return due;
        }

        // A range on the row key inside one partition: the service reads only due entries, in order.
        var filter = after is null
            ? TableClient.CreateQueryFilter(
                $"PartitionKey eq {StorageKeys.DuePartition} and RowKey lt {StorageKeys.DueUpperBound(now)}")
            : TableClient.CreateQueryFilter(
                $"PartitionKey eq {StorageKeys.DuePartition} and RowKey gt {StorageKeys.DueRow(after.DueAt, after.Texter)} and RowKey lt {StorageKeys.DueUpperBound(now)}");
        var pageSize = Math.Min(max, 1000);
        await foreach (var entity in _followUps.QueryAsync<TableEntity>(filter, pageSize, IndexColumns, cancellationToken))
        {
            if (entity.GetString(IndexTexterColumn) is not { } texter || entity.GetDateTimeOffset(IndexDueAtColumn) is not { } dueAt)
            {
                continue;
            }

            due.Add(new FollowUpIndexEntry(new TexterId(texter), dueAt));
            if (due.Count == max)
            {
                break;
            }
        }

        return due;
    }

    public Task RemoveEntryAsync(FollowUpIndexEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return DeleteIgnoringMissingAsync(_followUps, StorageKeys.DuePartition, StorageKeys.DueRow(entry.DueAt, entry.Texter), cancellationToken);
    }
}
