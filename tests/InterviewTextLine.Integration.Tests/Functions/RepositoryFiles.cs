using System.Reflection;

namespace InterviewTextLine.Integration.Tests.Functions;

/// <summary>Finds files of the repository and of sibling projects' build output from the test assembly.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration of this test run (Debug or Release), which the Functions project shares.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryFiles).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string FunctionsOutput(string fileName) =>
        Path.Combine(Root, "src", "InterviewTextLine.Functions", "bin", Configuration, "net10.0", fileName);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "InterviewTextLine.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No InterviewTextLine.sln above {AppContext.BaseDirectory}.");
    }
}
