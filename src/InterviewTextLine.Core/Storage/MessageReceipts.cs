using System.Collections;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace InterviewTextLine.Core.Storage;

/// <summary>
/// The receipts of a texter's last messages, oldest first, never more than <see cref="Capacity"/>. They are
/// stored with the conversation, so a texter's storage stays one row however long they text, and the one
/// read of an inbound text finds both the state and the receipt.
/// </summary>
/// <remarks>
/// Twilio re-delivers a message within seconds or minutes of the first attempt, never after twenty more texts
/// from the same number, so the last twenty cover every re-delivery while keeping the row small.
/// </remarks>
public sealed class MessageReceipts : IReadOnlyList<MessageReceipt>, IEquatable<MessageReceipts>
{
    /// <summary>How many receipts a conversation keeps: the newest twenty.</summary>
    public const int Capacity = 20;

    private readonly ImmutableList<MessageReceipt> _items;

    private MessageReceipts(ImmutableList<MessageReceipt> items) => _items = items;

    public static MessageReceipts Empty { get; } = new([]);

    public int Count => _items.Count;

    public MessageReceipt this[int index] => _items[index];

    /// <summary>The receipts a store read back, keeping the newest <see cref="Capacity"/>.</summary>
    public static MessageReceipts Of(IEnumerable<MessageReceipt> receipts)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        var items = receipts.ToImmutableList();
        return items.Count == 0 ? Empty : new MessageReceipts(Trim(items));
    }

    /// <summary>The receipt of <paramref name="messageId"/>, when it is among the last ones.</summary>
    public MessageReceipt? Find(string messageId) => _items.Find(receipt => string.Equals(receipt.MessageId, messageId, StringComparison.Ordinal));

    /// <summary>These receipts and <paramref name="receipt"/>, the oldest dropped past <see cref="Capacity"/>.</summary>
    public MessageReceipts Add(MessageReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new MessageReceipts(Trim(_items.Add(receipt)));
    }

    public IEnumerator<MessageReceipt> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(MessageReceipts? other) => other is not null && _items.SequenceEqual(other._items);

    public override bool Equals(object? obj) => Equals(obj as MessageReceipts);

    public override int GetHashCode() => _items.Count == 0 ? 0 : HashCode.Combine(_items.Count, _items[^1]);

    private static ImmutableList<MessageReceipt> Trim(ImmutableList<MessageReceipt> items) =>
        items.Count > Capacity ? items.RemoveRange(0, items.Count - Capacity) : items;
}

/// <summary>
/// The key of the record that a FORGET message was carried out. It is a hash of the texter id and the message
/// id, so the record names no texter: after FORGET nothing in storage leads back to the number, yet a
/// re-delivery of the same FORGET finds the record and changes nothing.
/// </summary>
public static class ForgetTombstone
{
    public static string Key(TexterId texter, string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(texter.Value + "|" + messageId)));
    }
}
