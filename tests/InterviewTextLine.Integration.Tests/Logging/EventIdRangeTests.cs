using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using InterviewTextLine.Integration.Tests.Functions;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.Integration.Tests.Logging;

/// <summary>Every <c>[LoggerMessage]</c> EventId lies in its class's range, as docs/logging.md lists them.</summary>
public sealed partial class EventIdRangeTests
{
    private static readonly Assembly[] SourceAssemblies =
    [
        typeof(InterviewTextLine.Core.Conversations.TextLineService).Assembly,
        typeof(InterviewTextLine.TableStorage.TableConversationStore).Assembly,
        typeof(InterviewTextLine.Email.SendGridEmailSender).Assembly,
        typeof(InterviewTextLine.Hosting.Webhook.TwilioSignatureValidator).Assembly,
        typeof(InterviewTextLine.Cli.Serve.ServeHost).Assembly,
        typeof(InterviewTextLine.Functions.FollowUpTimer).Assembly,
        typeof(InterviewTextLine.Understanding.Classification.MiniLmSentenceEmbedder).Assembly,
    ];

    private sealed record Range(string Path, string ClassName, int First, int Last);

    private static IReadOnlyList<Range> DocumentedRanges()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "logging.md"));
        return
        [
            .. RangeRow().Matches(doc).Select(match => new Range(
                match.Groups["path"].Value,
                match.Groups["path"].Value.Split('/')[^1],
                int.Parse(match.Groups["first"].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups["last"].Value, CultureInfo.InvariantCulture))),
        ];
    }

    private static IEnumerable<(Type Type, MethodInfo Method, LoggerMessageAttribute Attribute)> LogMethods() =>
        from assembly in SourceAssemblies
        from type in assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
        where attribute is not null
        select (type, method, attribute);

    [Fact]
    public void The_documented_ranges_are_well_formed_and_do_not_overlap()
    {
        var ranges = DocumentedRanges();
        Assert.NotEmpty(ranges);
        Assert.All(ranges, range => Assert.True(range.First <= range.Last, $"{range.Path}: {range.First}-{range.Last}"));
        Assert.Equal(ranges.Count, ranges.Select(range => range.ClassName).Distinct(StringComparer.Ordinal).Count());
        var ordered = ranges.OrderBy(range => range.First).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(
                ordered[i - 1].Last < ordered[i].First,
                $"{ordered[i - 1].Path} ({ordered[i - 1].First}-{ordered[i - 1].Last}) overlaps {ordered[i].Path} ({ordered[i].First}-{ordered[i].Last})");
        }
    }

    [Fact]
    public void Every_log_method_has_an_event_id_in_its_class_s_documented_range()
    {
        var ranges = DocumentedRanges().ToDictionary(range => range.ClassName, StringComparer.Ordinal);
        var methods = LogMethods().ToList();
        Assert.NotEmpty(methods);
        Assert.All(methods, entry =>
        {
            var name = $"{entry.Type.FullName}.{entry.Method.Name}";
            Assert.True(ranges.TryGetValue(entry.Type.Name, out var range), $"{name}: class {entry.Type.Name} has no range in docs/logging.md");
            Assert.InRange(entry.Attribute.EventId, range.First, range.Last);
        });
    }

    [Fact]
    public void Event_ids_are_unique()
    {
        var duplicates = LogMethods()
            .GroupBy(entry => entry.Attribute.EventId)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(entry => $"{entry.Type.Name}.{entry.Method.Name}"))}");
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_documented_class_logs()
    {
        var logging = LogMethods().Select(entry => entry.Type.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(DocumentedRanges(), range => Assert.Contains(range.ClassName, logging));
    }

    [GeneratedRegex(@"^\| (?<first>\d+)-(?<last>\d+) \| `(?<path>[^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex RangeRow();
}
