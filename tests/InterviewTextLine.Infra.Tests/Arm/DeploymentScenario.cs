using System.Text.Json.Nodes;

namespace InterviewTextLine.Infra.Tests.Arm;

/// <summary>
/// The compiled deployment as Azure would run it for given values of <c>main.bicep</c>'s parameters:
/// which modules and resources their conditions keep, and what their properties evaluate to. Values
/// known only at deployment time (references, resource IDs) stay <see cref="ArmExpression.Unknown"/>.
/// </summary>
internal sealed class DeploymentScenario
{
    private readonly IReadOnlyDictionary<string, object?> rootValues;
    private readonly Dictionary<(ArmTemplate Template, string Name), object?> parameterCache = [];

    private DeploymentScenario(CompiledInfra infra, IReadOnlyDictionary<string, object?> rootValues)
    {
        this.rootValues = rootValues;
        Resources = [.. infra.Resources.Where(resource => IsDeployed(resource.Template) && ConditionHolds(resource.Template, resource.Json))];
    }

    /// <summary>The resources this scenario deploys.</summary>
    public IReadOnlyList<ArmResource> Resources { get; }

    public static DeploymentScenario For(CompiledInfra infra, IReadOnlyDictionary<string, object?> rootValues) => new(infra, rootValues);

    public IReadOnlyList<ArmResource> ResourcesOfType(string type) => [.. Resources.Where(resource => resource.IsType(type))];

    /// <summary>The value of a resource's property at a dotted path, evaluated in its template.</summary>
    public object? Evaluate(ArmResource resource, string path) => Evaluate(resource.Template, resource.At(path));

    public object? Evaluate(ArmTemplate template, JsonNode? node) =>
        ArmExpression.Evaluate(node, name => Parameter(template, name), name => template.Variables[name]);

    private bool IsDeployed(ArmTemplate template) =>
        template is not { Parent: { } parent, Deployment: { } deployment } || (IsDeployed(parent) && ConditionHolds(parent, deployment));

    private bool ConditionHolds(ArmTemplate template, JsonObject resource)
    {
        if (resource["condition"] is not { } condition)
        {
            return true;
        }

        var value = Evaluate(template, condition);
        return value is bool flag
            ? flag
            : throw new InvalidOperationException($"The condition {condition} (in {template.Path}) does not evaluate to true or false in this scenario.");
    }

    private object? Parameter(ArmTemplate template, string name)
    {
        if (parameterCache.TryGetValue((template, name), out var cached))
        {
            return cached;
        }

        var value = ResolveParameter(template, name);
        parameterCache[(template, name)] = value;
        return value;
    }

    private object? ResolveParameter(ArmTemplate template, string name)
    {
        if (template is { Parent: { } parent, Deployment: { } deployment }
            && deployment["properties"]?["parameters"]?[name] is { } entry)
        {
            // A module parameter is {"value": ...}, or an expression that builds that object (a conditional value).
            var passed = entry is JsonObject obj ? obj["value"] : (Evaluate(parent, entry) as JsonObject)?["value"];
            return Evaluate(parent, passed);
        }

        if (template.Parent is null && rootValues.TryGetValue(name, out var given))
        {
            return given;
        }

        return Evaluate(template, template.Parameters[name]?["defaultValue"]);
    }
}
