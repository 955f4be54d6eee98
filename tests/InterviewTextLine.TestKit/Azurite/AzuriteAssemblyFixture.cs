using Azure.Core.Pipeline;
using Azure.Data.Tables;
using InterviewTextLine.TableStorage;

namespace InterviewTextLine.TestKit.Azurite;

/// <summary>
/// One Azurite table emulator for the whole test assembly. Test classes keep apart by using their
/// own table names. A test that stops storage on purpose starts its own <see cref="AzuriteRunner"/>.
/// </summary>
/// <remarks>
/// A test project that needs it declares it once:
/// <c>[assembly: AssemblyFixture(typeof(AzuriteAssemblyFixture))]</c>, and its test classes take it in their constructors.
/// </remarks>
public sealed class AzuriteAssemblyFixture : IAsyncLifetime
{
    private AzuriteRunner? _runner;

    public AzuriteRunner Runner => _runner ?? throw new InvalidOperationException("Azurite starts in InitializeAsync.");

    public string ConnectionString => Runner.ConnectionString;

    /// <summary>A client with the production retry policy and any extra policies (e.g. a request counter).</summary>
    public TableServiceClient CreateServiceClient(params HttpPipelinePolicy[] policies)
    {
        var options = TableStorageClientDefaults.CreateOptions();
        foreach (var policy in policies)
        {
            options.AddPolicy(policy, Azure.Core.HttpPipelinePosition.PerRetry);
        }

        return new TableServiceClient(ConnectionString, options);
    }

    public async ValueTask InitializeAsync()
    {
        // As the Functions app does: the Azure SDK reports its calls as spans only behind this switch, which it reads
        // once per process, so it is set before any test touches the SDK (TelemetryRedactionTests read those spans).
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        _runner = await AzuriteRunner.StartNewAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_runner is not null)
        {
            await _runner.DisposeAsync();
        }
    }
}
