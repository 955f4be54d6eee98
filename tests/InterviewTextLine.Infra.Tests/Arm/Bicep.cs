using System.Diagnostics;
using System.Reflection;

namespace InterviewTextLine.Infra.Tests.Arm;

/// <summary>The outcome of one run of the Bicep CLI.</summary>
internal sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Everything the CLI said besides the compiled template.</summary>
    public string Diagnostics(bool outputIsTemplate) =>
        (outputIsTemplate ? StandardError : StandardOutput + StandardError).Trim();
}

/// <summary>Runs the Bicep CLI that the Azure.Bicep.CommandLine package restored.</summary>
internal static class Bicep
{
    public static string ExecutablePath { get; } = FindExecutable();

    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static async Task<BicepResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new BicepResult(process.ExitCode, await output, await error);
    }

    private static string FindExecutable()
    {
        var path = Metadata("BicepPath").Replace('\\', '/');
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The Bicep CLI was not restored to {path}.");
        }

        // Some package extractors drop the executable bit.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if (!mode.HasFlag(UnixFileMode.UserExecute))
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
            }
        }

        return path;
    }

    private static string Metadata(string key) =>
        typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no {key} metadata.");
}
