using System.CommandLine;
using InterviewTextLine.Cli.Commands;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Integration.Tests.Resilience;
using InterviewTextLine.Integration.Tests.Webhook;
using InterviewTextLine.TestKit.Azurite;

namespace InterviewTextLine.Integration.Tests.Operations;

/// <summary><c>textline forget</c> and <c>textline lookup</c> against a line whose conversations are in Table Storage on Azurite.</summary>
public sealed class ForgetCommandTests(AzuriteAssemblyFixture azurite)
{
    private const string Erased = "+14155550181";
    private const string Other = "+14155550182";
    private const string OptedOut = "+14155550183";

    [Fact]
    public async Task Forget_number_removes_that_numbers_rows_and_leaves_the_others_and_their_opt_outs()
    {
        await using var line = await ServedLine.StartAsync(azurite.ConnectionString);
        foreach (var (from, body) in new[] { (Erased, "2"), (Erased, "EMAIL erased@example.com"), (Other, "1"), (OptedOut, "3"), (OptedOut, "STOP") })
        {
            using var response = await line.TextAsync(InboundSms.Text(body).With("From", from));
            response.EnsureSuccessStatusCode();
        }

        var before = await line.RowsAsync();
        var (code, output) = await RunAsync(line, "forget", "--number", Erased);

        Assert.Equal(0, code);
        Assert.Equal("Erased.", output.Trim());
        var after = await line.RowsAsync();
        Assert.Equal(before.Count - 1, after.Count);
        Assert.Equal(2, after.Count(row => row.RowKey == "conversation"));
        Assert.Empty(await FollowUpRowsAsync(line));
        Assert.DoesNotContain(Erased, output, StringComparison.Ordinal);

        Assert.Equal("Nothing is stored for this number.", (await RunAsync(line, "lookup", "--number", Erased)).Output.Trim());
        Assert.StartsWith("opted out: yes; last active: ", (await RunAsync(line, "lookup", "--number", OptedOut)).Output.Trim(), StringComparison.Ordinal);
        Assert.Contains("Erased. The number's opt-out was kept", (await RunAsync(line, "forget", "--number", OptedOut)).Output, StringComparison.Ordinal);
        Assert.StartsWith("opted out: yes;", (await RunAsync(line, "lookup", "--number", OptedOut)).Output.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("opted out: no;", (await RunAsync(line, "lookup", "--number", Other)).Output.Trim(), StringComparison.Ordinal);

        await RunAsync(line, "forget", "--number", OptedOut, "--include-opt-out");
        Assert.Equal("Nothing is stored for this number.", (await RunAsync(line, "lookup", "--number", OptedOut)).Output.Trim());
    }

    [Fact]
    public async Task Without_a_key_or_storage_it_says_what_to_give_and_touches_nothing()
    {
        var command = OperatorCommands.Forget(_ => null);
        using var error = new StringWriter();
        var code = await command.Parse(["--number", Erased, "--line", InboundSms.LineNumber]).InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null, Error = error }, TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.Contains("--vault", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> RunAsync(ServedLine line, string name, params string[] arguments)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [OperatorCommands.KeyVariable] = LocalDefaults.DevelopmentOnlyPhoneHashKey,
            [OperatorCommands.LineVariable] = InboundSms.LineNumber,
            ["Storage__ConversationsTable"] = line.Conversations.Name,
            ["Storage__FollowUpsTable"] = line.FollowUps.Name,
        };
        var command = name == "forget" ? OperatorCommands.Forget(variable => environment.GetValueOrDefault(variable)) : OperatorCommands.Lookup(variable => environment.GetValueOrDefault(variable));
        using var output = new StringWriter();
        var code = await command.Parse([.. arguments, "--storage", line.ConnectionString]).InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, TestContext.Current.CancellationToken);
        return (code, output.ToString());
    }

    private static async Task<IReadOnlyList<Azure.Data.Tables.TableEntity>> FollowUpRowsAsync(ServedLine line)
    {
        var rows = new List<Azure.Data.Tables.TableEntity>();
        await foreach (var row in line.FollowUps.QueryAsync<Azure.Data.Tables.TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
