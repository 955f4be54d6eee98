using System.Security.Cryptography;
using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.TestKit.Builders;

/// <summary>Texter ids, message ids and receipts for tests.</summary>
public static class TestData
{
    /// <summary>A fresh texter id shaped like the real ones (64 lower-case hex digits).</summary>
    public static TexterId NewTexter() => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));

    /// <summary>A fresh MessageSid shaped like Twilio's ("SM" and 32 hex digits).</summary>
    public static string NewMessageSid() => "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static MessageReceipt Receipt(string messageId, string? reply = "OK", DateTimeOffset? handledAt = null) =>
        new(messageId, reply, handledAt ?? ConversationBuilder.Epoch);

    public static MessageReceipt NewReceipt(string? reply = "OK") => Receipt(NewMessageSid(), reply);

    /// <summary>A unique, valid table name with a readable prefix, for tests that need their own tables.</summary>
    public static string NewTableName(string prefix) =>
        prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
