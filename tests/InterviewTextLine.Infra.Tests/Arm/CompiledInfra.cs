using System.Text.Json.Nodes;

namespace InterviewTextLine.Infra.Tests.Arm;

/// <summary>An <c>infra/</c> folder compiled by the Bicep CLI, with what the checks need to read.</summary>
internal sealed class CompiledInfra
{
    private CompiledInfra(string infraDirectory, BicepResult? lint, BicepResult build, JsonObject? main, JsonObject? parametersFile)
    {
        InfraDirectory = infraDirectory;
        Lint = lint;
        Build = build;
        Main = main ?? [];
        ParametersFile = parametersFile ?? [];
        Templates = main is null ? [] : ArmTemplate.Flatten(main);
    }

    public string InfraDirectory { get; }

    /// <summary>The result of <c>bicep lint</c>, when it was run.</summary>
    public BicepResult? Lint { get; }

    public BicepResult Build { get; }

    /// <summary>The compiled main template (empty when the build failed).</summary>
    public JsonObject Main { get; }

    /// <summary>The <c>parameters</c> object of <c>main.parameters.json</c>.</summary>
    public JsonObject ParametersFile { get; }

    public IReadOnlyList<ArmTemplate> Templates { get; }

    public ArmTemplate Root => Templates[0];

    public IEnumerable<ArmResource> Resources => Templates.SelectMany(template => template.Resources);

    public IReadOnlyList<ArmResource> ResourcesOfType(string type) => [.. Resources.Where(resource => resource.IsType(type))];

    /// <summary>Compiles <c>main.bicep</c> in the folder, linting it first when asked.</summary>
    public static async Task<CompiledInfra> CompileAsync(string infraDirectory, bool lint, CancellationToken cancellationToken)
    {
        var mainBicep = Path.Combine(infraDirectory, "main.bicep");
        var lintResult = lint ? await Bicep.RunAsync(["lint", mainBicep], cancellationToken) : null;
        var build = await Bicep.RunAsync(["build", mainBicep, "--stdout"], cancellationToken);
        var main = build.ExitCode == 0 ? JsonNode.Parse(build.StandardOutput) as JsonObject : null;

        var parametersPath = Path.Combine(infraDirectory, "main.parameters.json");
        var parameters = File.Exists(parametersPath)
            ? JsonNode.Parse(await File.ReadAllTextAsync(parametersPath, cancellationToken))?["parameters"] as JsonObject
            : null;
        return new CompiledInfra(infraDirectory, lintResult, build, main, parameters);
    }
}
