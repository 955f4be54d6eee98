using InterviewTextLine.Infra.Tests.Arm;

[assembly: AssemblyFixture(typeof(InterviewTextLine.Infra.Tests.MainTemplate))]

namespace InterviewTextLine.Infra.Tests;

/// <summary>The repository's <c>infra/main.bicep</c>, linted and compiled once for every test.</summary>
public sealed class MainTemplate : IAsyncLifetime
{
    private CompiledInfra? infra;

    public static string InfraDirectory => Path.Combine(Bicep.RepositoryRoot, "infra");

    internal CompiledInfra Infra => infra ?? throw new InvalidOperationException("The template has not been compiled.");

    public async ValueTask InitializeAsync() =>
        infra = await CompiledInfra.CompileAsync(InfraDirectory, lint: true, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
