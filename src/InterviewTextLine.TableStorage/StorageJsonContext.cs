using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace InterviewTextLine.TableStorage;

/// <summary>The path and the situations are stored as JSON arrays: compact, and safe for any character an id may hold.</summary>
[JsonSerializable(typeof(ImmutableList<string>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
