namespace InterviewTextLine.TestKit.Repository;

/// <summary>The repository a test runs from, for tests that read its documents.</summary>
public static class RepositoryRoot
{
    /// <summary>The folder holding InterviewTextLine.sln, found upwards from the test's output folder.</summary>
    public static string Path { get; } = Find();

    /// <summary>The text of a file given by its path from the repository root.</summary>
    public static Task<string> ReadAsync(string relativePath, CancellationToken cancellationToken) =>
        File.ReadAllTextAsync(System.IO.Path.Combine(Path, relativePath), cancellationToken);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "InterviewTextLine.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No InterviewTextLine.sln above {AppContext.BaseDirectory}.");
    }
}
