using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InterviewTextLine.Infra.Tests.Arm;

namespace InterviewTextLine.Infra.Tests.Checks;

/// <summary>Checks of the templates' parameters, outputs and tags.</summary>
internal static partial class TemplateChecks
{
    public static readonly IReadOnlyList<string> RequiredOutputs =
    [
        "AZURE_LOCATION",
        "AZURE_TENANT_ID",
        "AZURE_RESOURCE_GROUP",
        "AZURE_FUNCTION_NAME",
        "SMS_WEBHOOK_URL",
        "SMS_FALLBACK_URL",
    ];

    /// <summary>Resource types that carry tags, so that azd and the operator can find the environment's resources.</summary>
    public static readonly IReadOnlyList<string> TaggedTypes =
    [
        ResourceChecks.Site,
        ResourceChecks.Plan,
        ResourceChecks.StorageAccount,
        ResourceChecks.Component,
        ResourceChecks.Workspace,
        ResourceChecks.Vault,
        "Microsoft.ManagedIdentity/userAssignedIdentities",
        OperationsChecks.Workbook,
        OperationsChecks.ActionGroup,
        OperationsChecks.LogAlert,
        OperationsChecks.VirtualNetwork,
        OperationsChecks.PrivateEndpoint,
        "Microsoft.Network/privateDnsZones",
    ];

    /// <summary>
    /// Parameters that look like secrets must be secure, which the linter does not demand of names such as
    /// <c>twilioAuthToken</c> or <c>sendGridApiKey</c>; no output and no module parameter may carry a secure value in the clear.
    /// </summary>
    public static IReadOnlyList<string> SecureParameters(CompiledInfra infra)
    {
        var problems = new Problems();
        foreach (var template in infra.Templates)
        {
            foreach (var (name, _) in template.Parameters)
            {
                if (SecretLookingName().IsMatch(name) && !template.IsSecureParameter(name))
                {
                    problems.Add($"Parameter {name} (in {template.Path}) looks like a secret but is not @secure().");
                }
            }

            var secure = template.SecureParameterNames.ToList();
            foreach (var (name, output) in template.Outputs)
            {
                var text = output?.ToJsonString() ?? "";
                foreach (var parameter in secure.Where(parameter => text.Contains($"parameters('{parameter}')", StringComparison.Ordinal)))
                {
                    problems.Add($"Output {name} (in {template.Path}) refers to the secure parameter {parameter}.");
                }
            }

            if (template is { Parent: { } parent, Deployment: { } deployment })
            {
                var parentSecure = parent.SecureParameterNames.ToList();
                var passed = deployment["properties"]?["parameters"] as JsonObject ?? [];
                foreach (var (name, value) in passed)
                {
                    var text = value?.ToJsonString() ?? "";
                    if (!template.IsSecureParameter(name)
                        && parentSecure.Any(parameter => text.Contains($"parameters('{parameter}')", StringComparison.Ordinal)))
                    {
                        problems.Add($"Module parameter {name} (in {template.Path}) receives a secure value but is not @secure().");
                    }
                }
            }
        }

        return problems.Items;
    }

    public static IReadOnlyList<string> ParameterDescriptions(CompiledInfra infra)
    {
        var problems = new Problems();
        foreach (var template in infra.Templates)
        {
            foreach (var (name, parameter) in template.Parameters)
            {
                if (string.IsNullOrWhiteSpace(parameter?["metadata"]?["description"]?.ToString()))
                {
                    problems.Add($"Parameter {name} (in {template.Path}) has no @description().");
                }
            }
        }

        return problems.Items;
    }

    /// <summary>
    /// Every parameter without a default gets its value from <c>main.parameters.json</c>; its entries name real
    /// parameters; secrets come only from azd environment variables; and a <c>${VAR=default}</c> agrees with the Bicep default.
    /// </summary>
    public static IReadOnlyList<string> ParametersFile(CompiledInfra infra)
    {
        var problems = new Problems();
        var root = infra.Root;
        foreach (var (name, parameter) in root.Parameters)
        {
            if (parameter?["defaultValue"] is null && !infra.ParametersFile.ContainsKey(name))
            {
                problems.Add($"Parameter {name} has no default and is missing from main.parameters.json.");
            }
        }

        foreach (var (name, entry) in infra.ParametersFile)
        {
            if (!root.Parameters.ContainsKey(name))
            {
                problems.Add($"main.parameters.json sets {name}, which main.bicep does not declare.");
                continue;
            }

            var value = entry?["value"]?.ToString() ?? "";
            var substitution = AzdSubstitution().Match(value);
            if (root.IsSecureParameter(name) && (!substitution.Success || substitution.Groups["default"].Success))
            {
                problems.Add($"main.parameters.json must take the secret {name} from an azd environment variable, with no default.");
            }

            var bicepDefault = root.Parameters[name]?["defaultValue"]?.ToString();
            if (substitution.Groups["default"].Success && bicepDefault != substitution.Groups["default"].Value)
            {
                problems.Add($"main.parameters.json defaults {name} to '{substitution.Groups["default"].Value}', but main.bicep to '{bicepDefault}'.");
            }
        }

        return problems.Items;
    }

    public static IReadOnlyList<string> Tags(CompiledInfra infra)
    {
        var problems = new Problems();
        if (problems.Single(infra, "Microsoft.Resources/resourceGroups") is { } group)
        {
            var tags = group.Template.Dereference(group.At("tags"));
            if (tags?["azd-env-name"]?.ToString() != "[parameters('environmentName')]")
            {
                problems.Add($"{group}: the azd-env-name tag is not the environment name ({Problems.Show(tags)}).");
            }
        }

        foreach (var resource in TaggedTypes.SelectMany(infra.ResourcesOfType))
        {
            problems.ExpectSet(resource, "tags");
        }

        foreach (var site in infra.ResourcesOfType(ResourceChecks.Site))
        {
            var tags = site.Template.Dereference(site.At("tags"));
            var tagged = tags is JsonObject obj
                ? obj["azd-service-name"]?.ToString() == "api"
                : tags?.ToString().Contains("createObject('azd-service-name', 'api')", StringComparison.Ordinal) == true;
            if (!tagged)
            {
                problems.Add($"{site}: it lacks the tag azd-service-name: 'api', so azd deploy cannot find it.");
            }
        }

        return problems.Items;
    }

    public static IReadOnlyList<string> Outputs(CompiledInfra infra)
    {
        var problems = new Problems();
        var outputs = infra.Root.Outputs;
        foreach (var name in RequiredOutputs.Where(name => !outputs.ContainsKey(name)))
        {
            problems.Add($"main.bicep has no output {name}.");
        }

        foreach (var (name, _) in outputs.Where(pair => !UpperSnake().IsMatch(pair.Key)))
        {
            problems.Add($"Output {name} is not UPPER_SNAKE, so it does not read as an azd environment variable.");
        }

        ExpectUrl("SMS_WEBHOOK_URL", "https://{0}/api/sms");
        ExpectUrl("SMS_FALLBACK_URL", "https://{0}/api/sms/fallback");
        return problems.Items;

        void ExpectUrl(string name, string format)
        {
            var value = outputs[name]?["value"]?.ToString() ?? "";
            if (!value.StartsWith($"[format('{format}', ", StringComparison.Ordinal) || !value.Contains("defaultHostName", StringComparison.Ordinal))
            {
                problems.Add($"Output {name} is {value}, expected {format} over the function app's default host name.");
            }
        }
    }

    [GeneratedRegex("(token|secret|password)|keys?$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLookingName();

    [GeneratedRegex(@"^\$\{(?<name>[A-Z0-9_]+)(=(?<default>[^}]*))?\}$")]
    private static partial Regex AzdSubstitution();

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex UpperSnake();
}
