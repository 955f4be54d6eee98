using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace InterviewTextLine.TableStorage;

/// <summary>
/// The path, the situations and the receipts are stored as JSON arrays: compact, and safe for any character
/// a state id or a reply may hold.
/// </summary>
[JsonSerializable(typeof(ImmutableList<string>))]
[JsonSerializable(typeof(List<StoredReceipt>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;

/// <summary>One receipt in the conversation row's <c>Receipts</c> column, with short names to keep the row small.</summary>
internal sealed record StoredReceipt(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("reply")] string? Reply,
    [property: JsonPropertyName("at")] DateTimeOffset At);
