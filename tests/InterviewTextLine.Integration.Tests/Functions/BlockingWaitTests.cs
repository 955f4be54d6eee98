using System.Text.RegularExpressions;

namespace InterviewTextLine.Integration.Tests.Functions;

/// <summary>
/// Nothing a request runs through blocks a thread on a task: a blocked thread holds the webhook past its deadline
/// (the deadline cancels awaits, not a thread waiting on <c>.Result</c>) and starves the host under load.
/// </summary>
public sealed partial class BlockingWaitTests
{
    /// <summary>The projects a text or a follow-up passes through.</summary>
    private static readonly string[] RequestPathProjects =
    [
        "InterviewTextLine.Core", "InterviewTextLine.Understanding", "InterviewTextLine.TableStorage",
        "InterviewTextLine.Email", "InterviewTextLine.Hosting", "InterviewTextLine.Functions",
    ];

    [Fact]
    public void No_code_on_the_request_path_waits_on_a_task()
    {
        var found = RequestPathProjects
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "src", project), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (File: file, Line: index + 1, Text: line)))
            .Where(line => BlockingWait().IsMatch(line.Text))
            .Select(line => $"{Path.GetRelativePath(RepositoryFiles.Root, line.File)}:{line.Line}: {line.Text.Trim()}")
            .ToList();

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    [Theory]
    [InlineData("var x = task.Result;", true)]
    [InlineData("return embedder.EmbedAsync(text).GetAwaiter().GetResult();", true)]
    [InlineData("task.Wait();", true)]
    [InlineData("Task.WaitAll(tasks);", true)]
    [InlineData("var count = report.Results.Count;", false)]
    [InlineData("if (parseResult.GetResult(token) is not null)", false)]
    [InlineData("EmailSendResult.Accepted accepted", false)]
    public void The_scan_finds_what_it_looks_for(string line, bool blocks) => Assert.Equal(blocks, BlockingWait().IsMatch(line));

    [GeneratedRegex(@"\.Result\b(?!s)|\.GetAwaiter\(\)\s*\.GetResult\(\)|\.Wait\(\)|\bTask\.Wait(All|Any)\(")]
    private static partial Regex BlockingWait();
}
