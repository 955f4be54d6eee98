using System.Reflection;
using InterviewTextLine.TestKit.Repository;

namespace InterviewTextLine.Integration.Tests.Functions;

/// <summary>Finds files of the repository and of sibling projects' build output from the test assembly.</summary>
internal static class RepositoryFiles
{
    public static string Root => RepositoryRoot.Path;

    /// <summary>The build configuration of this test run (Debug or Release), which the Functions project shares.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryFiles).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string FunctionsOutput(string fileName) =>
        Path.Combine(Root, "src", "InterviewTextLine.Functions", "bin", Configuration, "net10.0", fileName);
}
