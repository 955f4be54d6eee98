using System.Globalization;
using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.TableStorage;

/// <summary>The partition and row keys of both tables.</summary>
/// <remarks>
/// Texter partitions are 64 lower-case hex digits, so the conversations table's other partitions, named with
/// words that start after <c>f</c>, can never collide with one and sort after all of them.
/// </remarks>
internal static class StorageKeys
{
    /// <summary>Row key of the conversation (with its receipts) in a texter's partition: the only row one holds.</summary>
    public const string ConversationRow = "conversation";

    /// <summary>The partition of the conversations table holding FORGET records, keyed by <see cref="ForgetTombstone.Key"/>.</summary>
    public const string ForgottenPartition = "forgotten";

    /// <summary>The partition of the conversations table holding the retention sweep's checkpoint.</summary>
    public const string RetentionPartition = "retention";

    /// <summary>Row key of the retention sweep's checkpoint.</summary>
    public const string CheckpointRow = "checkpoint";

    /// <summary>The partition of the conversations table holding the address claims, keyed by <see cref="AddressRow"/>.</summary>
    public const string ClaimsPartition = "summaries";

    /// <summary>The single partition of the follow-up index; due entries sort by time inside it.</summary>
    public const string DuePartition = "due";

    /// <summary>The partition of the follow-ups table holding the handoff outbox, keyed by <see cref="HandoffRow"/>.</summary>
    public const string HandoffPartition = "handoffs";

    /// <summary>The row key of an outbox row: the request's id, a hash that names neither the number nor the texter.</summary>
    public static string HandoffRow(string requestId)
    {
        if (string.IsNullOrEmpty(requestId) || requestId.Length > 512 || !IsKeySafe(requestId))
        {
            throw new ArgumentException("A request id must be a non-empty storage-key-safe string (a hex hash).", nameof(requestId));
        }

        return requestId;
    }

    public static string PartitionKey(TexterId texter)
    {
        var value = texter.Value;
        if (string.IsNullOrEmpty(value) || value.Length > 512 || !IsKeySafe(value))
        {
            throw new ArgumentException("A texter id must be a non-empty storage-key-safe string (a hex HMAC).", nameof(texter));
        }

        return value;
    }

    /// <summary>The row key of an address claim: the address's keyed hash, never the address.</summary>
    public static string AddressRow(AddressKey address)
    {
        var value = address.Value;
        if (string.IsNullOrEmpty(value) || value.Length > 512 || !IsKeySafe(value))
        {
            throw new ArgumentException("An address key must be a non-empty storage-key-safe string (a hex HMAC).", nameof(address));
        }

        return value;
    }

    /// <summary>
    /// Fixed-width UTC ticks first, so that the lexical order of row keys is the order of due times
    /// and "due by now" is one range query on the row key.
    /// </summary>
    public static string DueRow(DateTimeOffset dueAt, TexterId texter) =>
        DueTicks(dueAt.UtcTicks) + "|" + PartitionKey(texter);

    /// <summary>The exclusive upper row key bound of entries due at or before <paramref name="now"/>.</summary>
    public static string DueUpperBound(DateTimeOffset now) =>
        now.UtcTicks == DateTimeOffset.MaxValue.UtcTicks ? "~" : DueTicks(now.UtcTicks + 1);

    /// <summary>
    /// A row of the conversations table as one opaque key for the retention sweep's leftovers; with
    /// <paramref name="etag"/>, a row to delete only if it was not written again since (an expired tally or claim).
    /// </summary>
    public static string RowReference(string partitionKey, string rowKey, string? etag = null) =>
        partitionKey + "/" + rowKey + (etag is null ? "" : "/" + etag);

    /// <summary>
    /// The partition key, row key and ETag (or null) of a <see cref="RowReference"/>; no key of this store holds a
    /// '/', and an ETag is everything after the second one.
    /// </summary>
    public static (string PartitionKey, string RowKey, string? ETag) ParseRowReference(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new ArgumentException($"'{reference}' is not a row reference.", nameof(reference));
        }

        var rest = reference[(slash + 1)..];
        var second = rest.IndexOf('/', StringComparison.Ordinal);
        return second < 0 ? (reference[..slash], rest, null) : (reference[..slash], rest[..second], rest[(second + 1)..]);
    }

    private static string DueTicks(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture);

    private static bool IsKeySafe(string value)
    {
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
