using System.Text.RegularExpressions;
using InterviewTextLine.Infra.Tests.Arm;

namespace InterviewTextLine.Infra.Tests;

/// <summary><c>azure.yaml</c> lets <c>azd up</c> provision <c>infra/</c> and deploy the functions project.</summary>
public sealed partial class AzdTests
{
    [Fact]
    public async Task Azure_yaml_deploys_the_functions_project_as_the_api_function_service()
    {
        var yaml = await File.ReadAllTextAsync(Path.Combine(Bicep.RepositoryRoot, "azure.yaml"), TestContext.Current.CancellationToken);
        var service = ApiService().Match(yaml);
        Assert.True(service.Success, "azure.yaml has no 'api' service.");
        var body = service.Groups["body"].Value;
        Assert.Matches(@"(?m)^\s+language:\s*dotnet\s*$", body);
        Assert.Matches(@"(?m)^\s+host:\s*function\s*$", body);

        var project = Regex.Match(body, @"(?m)^\s+project:\s*(?<path>\S+)\s*$").Groups["path"].Value;
        var projectDirectory = Path.GetFullPath(Path.Combine(Bicep.RepositoryRoot, project));
        var csproj = Assert.Single(Directory.GetFiles(projectDirectory, "*.csproj"));
        Assert.Contains("<AzureFunctionsVersion>", await File.ReadAllTextAsync(csproj, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_postprovision_hook_waits_out_role_propagation_before_the_first_deploy()
    {
        var yaml = await File.ReadAllTextAsync(Path.Combine(Bicep.RepositoryRoot, "azure.yaml"), TestContext.Current.CancellationToken);
        var hook = Regex.Match(yaml, @"(?ms)^hooks:\s*\n(?:\s+#.*\n)*\s+postprovision:\s*\n(?:\s{4,}.*\n)*?\s{4,}run:\s*(?<path>\S+)");
        Assert.True(hook.Success, "azure.yaml has no postprovision hook.");
        var script = await File.ReadAllTextAsync(Path.Combine(Bicep.RepositoryRoot, hook.Groups["path"].Value), TestContext.Current.CancellationToken);
        Assert.Contains("--auth-mode login", script, StringComparison.Ordinal);
        Assert.Contains("AZURE_STORAGE_ACCOUNT_NAME", script, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?ms)^services:\s*\n\s+api:\s*\n(?<body>(?:\s{4,}.*\n?)+)")]
    private static partial Regex ApiService();
}
