using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace InterviewTextLine.Infra.Tests.Arm;

/// <summary>
/// One template of the compiled deployment: the main template or a module's template nested in a
/// <c>Microsoft.Resources/deployments</c> resource.
/// </summary>
internal sealed partial class ArmTemplate
{
    private ArmTemplate(JsonObject json, string path, ArmTemplate? parent, JsonObject? deployment)
    {
        Json = json;
        Path = path;
        Parent = parent;
        Deployment = deployment;
    }

    public JsonObject Json { get; }

    /// <summary>Where the template sits, e.g. <c>main/api</c>.</summary>
    public string Path { get; }

    public ArmTemplate? Parent { get; }

    /// <summary>The deployment resource that holds this template; null for the main template.</summary>
    public JsonObject? Deployment { get; }

    public JsonObject Parameters => Json["parameters"] as JsonObject ?? [];

    public JsonObject Variables => Json["variables"] as JsonObject ?? [];

    public JsonObject Outputs => Json["outputs"] as JsonObject ?? [];

    /// <summary>The resources, whether the template lists them (an array) or names them (an object, language version 2.0).</summary>
    public IEnumerable<JsonObject> ResourceNodes => Json["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject named => named.Select(pair => pair.Value).OfType<JsonObject>(),
        _ => [],
    };

    /// <summary>The resources this template deploys (not the <c>existing</c> ones it only refers to).</summary>
    public IEnumerable<ArmResource> Resources =>
        ResourceNodes.Where(node => node["existing"]?.GetValue<bool>() != true).Select(node => new ArmResource(this, node));

    /// <summary>The main template and every nested template, depth first.</summary>
    public static IReadOnlyList<ArmTemplate> Flatten(JsonObject main)
    {
        var templates = new List<ArmTemplate>();
        Visit(new ArmTemplate(main, "main", null, null));
        return templates;

        void Visit(ArmTemplate template)
        {
            templates.Add(template);
            foreach (var node in template.ResourceNodes)
            {
                if (string.Equals(node["type"]?.GetValue<string>(), "Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase)
                    && node["properties"]?["template"] is JsonObject nested)
                {
                    var name = node["name"]?.GetValue<string>() ?? "?";
                    Visit(new ArmTemplate(nested, $"{template.Path}/{name}", template, node));
                }
            }
        }
    }

    public bool IsSecureParameter(string name) =>
        Parameters[name]?["type"]?.GetValue<string>() is { } type
        && (type.Equals("securestring", StringComparison.OrdinalIgnoreCase) || type.Equals("secureObject", StringComparison.OrdinalIgnoreCase));

    public IEnumerable<string> SecureParameterNames => Parameters.Select(pair => pair.Key).Where(IsSecureParameter);

    /// <summary>
    /// The text of a value with each <c>variables('x')</c> whose variable is a plain string replaced by that
    /// string in quotes, so that literals declared as variables can be matched.
    /// </summary>
    public string Resolve(JsonNode? node)
    {
        if (node is null)
        {
            return "";
        }

        var text = node is JsonValue value && value.TryGetValue<string>(out var s) ? s : node.ToJsonString();
        return VariableReference().Replace(text, match =>
            Variables[match.Groups["name"].Value] is JsonValue variable
            && variable.TryGetValue<string>(out var literal)
            && !literal.StartsWith('[')
                ? $"'{literal}'"
                : match.Value);
    }

    /// <summary>The literal a value stands for: a plain string, or an expression that is only a quoted string.</summary>
    public string? Literal(JsonNode? node)
    {
        var text = Resolve(node);
        if (!text.StartsWith('['))
        {
            return text;
        }

        var quoted = QuotedExpression().Match(text);
        return quoted.Success ? quoted.Groups["literal"].Value : null;
    }

    /// <summary>The node a value stands for when it is exactly <c>[variables('x')]</c>; otherwise the value itself.</summary>
    public JsonNode? Dereference(JsonNode? node)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            var match = WholeVariableReference().Match(text);
            if (match.Success && Variables[match.Groups["name"].Value] is { } variable)
            {
                return variable;
            }
        }

        return node;
    }

    /// <summary>
    /// Follows a value of the form <c>[parameters('p')]</c> (optionally inside <c>string(...)</c>) up through the
    /// modules to a literal: the value a parent passes, or else the parameter's default. Null when it cannot.
    /// </summary>
    public JsonNode? TraceDefault(JsonNode? node)
    {
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            return node?.DeepClone();
        }

        var parameter = WholeParameterReference().Match(text);
        if (!parameter.Success)
        {
            return text.StartsWith('[') ? null : node.DeepClone();
        }

        var name = parameter.Groups["name"].Value;
        if (Deployment?["properties"]?["parameters"]?[name]?["value"] is { } passed && Parent is not null)
        {
            return Parent.TraceDefault(passed);
        }

        return Parameters[name]?["defaultValue"]?.DeepClone();
    }

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^\[variables\('(?<name>[^']+)'\)\]$")]
    private static partial Regex WholeVariableReference();

    [GeneratedRegex(@"^\[(?:string\()?parameters\('(?<name>[^']+)'\)\)?\]$")]
    private static partial Regex WholeParameterReference();

    [GeneratedRegex(@"^\['(?<literal>[^']*)'\]$")]
    private static partial Regex QuotedExpression();
}

/// <summary>A resource of a compiled template.</summary>
internal sealed class ArmResource(ArmTemplate template, JsonObject json)
{
    public ArmTemplate Template { get; } = template;

    public JsonObject Json { get; } = json;

    public string Type => Json["type"]?.GetValue<string>() ?? "";

    public string Name => Json["name"]?.GetValue<string>() ?? "";

    public string ApiVersion => Json["apiVersion"]?.GetValue<string>() ?? "";

    /// <summary>The node at a dotted path such as <c>properties.siteConfig.minTlsVersion</c>, or null.</summary>
    public JsonNode? At(string path)
    {
        JsonNode? node = Json;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject obj ? obj[part] : null;
        }

        return node;
    }

    public bool IsType(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Type} {Name} (in {Template.Path})";
}
