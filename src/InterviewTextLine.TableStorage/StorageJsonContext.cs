using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace InterviewTextLine.TableStorage;

/// <summary>The path is stored as a JSON array: compact, and safe for any character a state id may hold.</summary>
[JsonSerializable(typeof(ImmutableList<string>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
