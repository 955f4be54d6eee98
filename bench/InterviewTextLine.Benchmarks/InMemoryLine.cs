using InterviewTextLine.Core;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using InterviewTextLine.TestKit.Builders;
using InterviewTextLine.Understanding;

namespace InterviewTextLine.Benchmarks;

/// <summary>One text of a transcript as the line handled it, and the conversation it left behind.</summary>
internal sealed record TranscriptStep(string Sent, string? Reply, Conversation? After);

/// <summary>The line on its in-memory store: what each transcript replies and stores, without any I/O.</summary>
internal static class InMemoryLine
{
    public const string LineNumber = "+18005550100";

    public static async Task<IReadOnlyList<IReadOnlyList<TranscriptStep>>> RunAsync(IReadOnlyList<Transcript> transcripts, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.Values).Build();
        await using var services = new ServiceCollection().AddLogging().AddTextLineCore(configuration).AddTextUnderstanding().BuildServiceProvider();
        var service = services.GetRequiredService<ITextLineService>();
        var store = services.GetRequiredService<IConversationStore>();
        var hasher = services.GetRequiredService<PhoneHasher>();

        var results = new List<IReadOnlyList<TranscriptStep>>();
        for (var i = 0; i < transcripts.Count; i++)
        {
            var from = BenchTexters.Number(phase: 9, worker: 0, conversation: i);
            var texter = hasher.Texter(from, LineNumber);
            var steps = new List<TranscriptStep>();
            foreach (var text in transcripts[i].Texts)
            {
                var reply = await service.HandleAsync(new InboundText(from, LineNumber, text, TestData.NewMessageSid()), cancellationToken);
                var stored = await store.ReadAsync(texter, cancellationToken);
                steps.Add(new TranscriptStep(text, reply.Text, stored?.Conversation));
            }

            results.Add(steps);
        }

        return results;
    }
}
