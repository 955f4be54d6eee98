using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.TableStorage;

/// <remarks>
/// The handoff outbox: partition <c>handoffs</c> of the follow-ups table, one row per request keyed by its id, with
/// the texter's id (to find the conversation, and for FORGET), the number encrypted, the language, the situation ids,
/// the request's time, the attempts and <c>ReadyAt</c>, which the sender's query filters on. A request leaves the row
/// once it is sent, given up on or found cancelled, so the partition holds only what waits.
/// </remarks>
public sealed partial class TableConversationStore
{
    private const string NumberColumn = "Number";
    private const string LanguageColumn = "Language";
    private const string SituationsColumn = "Situations";
    private const string RequestedAtColumn = "RequestedAt";
    private const string AttemptsColumn = "Attempts";
    private const string NextAttemptAtColumn = "NextAttemptAt";
    private const string ReadyAtColumn = "ReadyAt";

    public async Task AddAsync(HandoffEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var row = new TableEntity(StorageKeys.HandoffPartition, StorageKeys.HandoffRow(entry.RequestId))
        {
            [IndexTexterColumn] = StorageKeys.PartitionKey(entry.Texter),
            [NumberColumn] = entry.ProtectedNumber,
            [LanguageColumn] = entry.Language,
            [SituationsColumn] = JsonSerializer.Serialize([.. entry.Situations], StorageJsonContext.Default.ImmutableListString),
            [RequestedAtColumn] = entry.RequestedAt.ToUniversalTime(),
            [AttemptsColumn] = entry.Attempts,
            [ReadyAtColumn] = entry.ReadyAt.ToUniversalTime(),
        };
        if (entry.NextAttemptAt is { } next)
        {
            row[NextAttemptAtColumn] = next.ToUniversalTime();
        }

        try
        {
            await WithTablesAsync(() => _followUps.AddEntityAsync(row, cancellationToken), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            // A retried text queues the same request: the row there, with its attempts, stands.
        }
    }

    public async Task<IReadOnlyList<HandoffEntry>> ReadDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {StorageKeys.HandoffPartition} and ReadyAt le {now.ToUniversalTime()}");
        var due = new List<HandoffEntry>();
        var rows = await WithTablesAsync(
            async () =>
            {
                var found = new List<TableEntity>();
                await foreach (var row in _followUps.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                {
                    found.Add(row);
                }

                return found;
            },
            cancellationToken);
        foreach (var row in rows.OrderBy(row => row.GetDateTimeOffset(ReadyAtColumn)).ThenBy(row => row.RowKey, StringComparer.Ordinal).Take(max))
        {
            due.Add(new HandoffEntry(
                row.RowKey,
                new TexterId(row.GetString(IndexTexterColumn) ?? ""),
                row.GetString(NumberColumn) ?? "",
                // A row written before the language was recorded: the composer says it was not.
                row.GetString(LanguageColumn) ?? "",
                row.GetString(SituationsColumn) is { Length: > 0 } json ? JsonSerializer.Deserialize(json, StorageJsonContext.Default.ImmutableListString) ?? [] : [],
                row.GetDateTimeOffset(RequestedAtColumn) ?? DateTimeOffset.MinValue)
            {
                Attempts = row.GetInt32(AttemptsColumn) ?? 0,
                NextAttemptAt = row.GetDateTimeOffset(NextAttemptAtColumn),
            });
        }

        return due;
    }

    public async Task RescheduleAsync(string requestId, int attempts, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        var update = new TableEntity(StorageKeys.HandoffPartition, StorageKeys.HandoffRow(requestId))
        {
            [AttemptsColumn] = attempts,
            [NextAttemptAtColumn] = nextAttemptAt.ToUniversalTime(),
            [ReadyAtColumn] = nextAttemptAt.ToUniversalTime(),
        };
        try
        {
            // A merge conditional on the row being there: a row FORGET deleted meanwhile must not come back.
            await _followUps.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            // Gone already: nothing to retry.
        }
    }

    public Task RemoveAsync(string requestId, CancellationToken cancellationToken) =>
        DeleteIgnoringMissingAsync(_followUps, StorageKeys.HandoffPartition, StorageKeys.HandoffRow(requestId), cancellationToken);
}
