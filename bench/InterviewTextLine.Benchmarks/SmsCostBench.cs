using InterviewTextLine.Core.Sms;

namespace InterviewTextLine.Benchmarks;

/// <summary>What the standard transcripts cost in SMS segments, reply by reply.</summary>
internal static class SmsCostBench
{
    public sealed record ConversationCost(string Name, int Texts, IReadOnlyList<SmsSegments> Replies)
    {
        public int Segments => Replies.Sum(reply => reply.Count);

        public int MaxPerReply => Replies.Count == 0 ? 0 : Replies.Max(reply => reply.Count);

        public bool AllGsm7 => Replies.All(reply => reply.Encoding == SmsEncoding.Gsm7);
    }

    public static async Task<IReadOnlyList<ConversationCost>> RunAsync(CancellationToken cancellationToken)
    {
        var runs = await InMemoryLine.RunAsync(Transcripts.All, cancellationToken);
        return [.. Transcripts.All.Zip(runs, (transcript, steps) => new ConversationCost(
            transcript.Name,
            steps.Count,
            [.. steps.Where(step => step.Reply is not null).Select(step => SmsSegments.Of(step.Reply!))]))];
    }
}
