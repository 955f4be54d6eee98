using System.Text.Json.Nodes;
using InterviewTextLine.Infra.Tests.Arm;

namespace InterviewTextLine.Infra.Tests.Checks;

/// <summary>Collects what a check found wrong, one readable sentence each.</summary>
internal sealed class Problems
{
    private readonly List<string> items = [];

    public IReadOnlyList<string> Items => items;

    public void Add(string problem) => items.Add(problem);

    public void Expect(ArmResource resource, string path, string expected) => Expect(resource, path, JsonValue.Create(expected));

    public void Expect(ArmResource resource, string path, bool expected) => Expect(resource, path, JsonValue.Create(expected));

    public void Expect(ArmResource resource, string path, int expected) => Expect(resource, path, JsonValue.Create(expected));

    /// <summary>Requires the value at the path to be exactly the expected JSON value.</summary>
    public void Expect(ArmResource resource, string path, JsonNode expected)
    {
        var actual = resource.At(path);
        if (!JsonNode.DeepEquals(actual, expected))
        {
            Add($"{resource}: {path} is {Show(actual)}, expected {Show(expected)}.");
        }
    }

    /// <summary>Requires the value at the path to be present and not empty.</summary>
    public void ExpectSet(ArmResource resource, string path)
    {
        var actual = resource.At(path);
        if (actual is null || (actual is JsonValue value && value.TryGetValue<string>(out var text) && string.IsNullOrWhiteSpace(text)))
        {
            Add($"{resource}: {path} is not set.");
        }
    }

    /// <summary>Requires exactly one resource of a type and returns it.</summary>
    public ArmResource? Single(CompiledInfra infra, string type)
    {
        var resources = infra.ResourcesOfType(type);
        if (resources.Count != 1)
        {
            Add($"Expected exactly one {type}, found {resources.Count}.");
            return null;
        }

        return resources[0];
    }

    public static string Show(JsonNode? node) => node is null ? "missing" : node.ToJsonString();
}
