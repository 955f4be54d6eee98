using System.Diagnostics;

namespace InterviewTextLine.Cli.Tests;

/// <summary>Runs the real <c>textline</c> program (built next to the tests) as a person would.</summary>
internal static class Textline
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Task<Result> RunAsync(string input, params string[] arguments) =>
        RunAsync(input, new Dictionary<string, string?>(), arguments);

    /// <summary>Runs <c>textline</c> with <paramref name="arguments"/>, <paramref name="input"/> on its standard input and <paramref name="environment"/> changed.</summary>
    /// <param name="input">What the program reads on standard input.</param>
    /// <param name="environment">Variables to set, or with a null value to remove, in the program's environment.</param>
    /// <param name="arguments">The command line.</param>
    public static async Task<Result> RunAsync(string input, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "textline.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new Result(process.ExitCode, await output, await error);
    }
}
