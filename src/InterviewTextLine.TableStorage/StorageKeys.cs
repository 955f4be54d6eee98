using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.TableStorage;

/// <summary>The partition and row keys of both tables.</summary>
internal static class StorageKeys
{
    /// <summary>Row key of the conversation state in a texter's partition.</summary>
    public const string ConversationRow = "conversation";

    /// <summary>Prefix of the per-message receipt rows in a texter's partition.</summary>
    public const string ReceiptPrefix = "msg|";

    /// <summary>The single partition of the follow-up index; due entries sort by time inside it.</summary>
    public const string DuePartition = "due";

    /// <summary>
    /// Twilio's MessageSids are plain tokens and are used as they are, so a receipt row stays
    /// readable. Anything else is hashed: a key may not contain / \ # ? or control characters, and a
    /// hash can never collide with a plain token because '~' is outside the plain alphabet.
    /// </summary>
    private const int MaxPlainMessageIdLength = 200;

    public static string PartitionKey(TexterId texter)
    {
        var value = texter.Value;
        if (string.IsNullOrEmpty(value) || value.Length > 512 || !IsKeySafe(value))
        {
            throw new ArgumentException("A texter id must be a non-empty storage-key-safe string (a hex HMAC).", nameof(texter));
        }

        return value;
    }

    public static string ReceiptRow(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        return IsPlainToken(messageId)
            ? ReceiptPrefix + messageId
            : ReceiptPrefix + "~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)));
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

    private static string DueTicks(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture);

    private static bool IsPlainToken(string value)
    {
        if (value.Length is 0 or > MaxPlainMessageIdLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

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
