using InterviewTextLine.Core;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Sms;
using InterviewTextLine.Understanding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewTextLine.Benchmarks;

/// <summary>What the standard transcripts cost in SMS segments, reply by reply, and the script's texts against their budgets.</summary>
internal static class SmsCostBench
{
    public sealed record ConversationCost(string Name, int Texts, IReadOnlyList<SmsSegments> Replies)
    {
        public int Segments => Replies.Sum(reply => reply.Count);

        public int MaxPerReply => Replies.Count == 0 ? 0 : Replies.Max(reply => reply.Count);

        public bool AllGsm7 => Replies.All(reply => reply.Encoding == SmsEncoding.Gsm7);
    }

    /// <summary>
    /// One kind of script text against the lint's budget: its most segments with the longest settings,
    /// and as sent with the local defaults.
    /// </summary>
    public sealed record BudgetRow(string Text, int Count, int Budget, int Longest, int AsSent, bool AllGsm7);

    public sealed record Result(IReadOnlyList<ConversationCost> Conversations, IReadOnlyList<BudgetRow> Budgets);

    public static async Task<Result> RunAsync(CancellationToken cancellationToken)
    {
        var runs = await InMemoryLine.RunAsync(Transcripts.All, cancellationToken);
        IReadOnlyList<ConversationCost> conversations = [.. Transcripts.All.Zip(runs, (transcript, steps) => new ConversationCost(
            transcript.Name,
            steps.Count,
            [.. steps.Where(step => step.Reply is not null).Select(step => SmsSegments.Of(step.Reply!))]))];
        return new Result(conversations, Budgets());
    }

    /// <summary>Each language's texts against the lint's budgets, one block of rows per language.</summary>
    private static List<BudgetRow> Budgets()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.Values).Build();
        using var services = new ServiceCollection().AddLogging().AddTextLineCore(configuration).AddTextUnderstanding().BuildServiceProvider();
        return [.. services.GetRequiredService<LineLanguages>().Engines.SelectMany(Budgets)];
    }

    private static IEnumerable<BudgetRow> Budgets(ConversationEngine engine)
    {
        var script = engine.Script;
        var guidance = script.States.Where(state => state.Kind == StateKind.Guidance).ToList();

        BudgetRow Row(string name, int budget, IEnumerable<string> texts)
        {
            var list = texts.ToList();
            return new BudgetRow(
                $"[{script.Language}] {name}",
                list.Count,
                budget,
                list.Max(text => FlowValidator.SegmentsWithLongestSettings(text).Count),
                list.Max(text => SmsSegments.Of(engine.Render(text)).Count),
                list.All(text => SmsSegments.Of(engine.Render(text)).Encoding == SmsEncoding.Gsm7));
        }

        return
        [
            Row("welcome", FlowValidator.WelcomeSegments, [script.State(script.Start).Text]),
            Row("guidance texts", FlowValidator.GuidanceSegments, guidance.Select(state => state.Text)),
            Row("words to say (WORDS)", FlowValidator.GuidanceSegments, guidance.Select(state => state.Words).OfType<string>()),
            Row("reasons (WHY)", FlowValidator.GuidanceSegments, guidance.Select(state => state.Why).OfType<string>()),
            Row("HELP", FlowValidator.PromptSegments, [script.Message(MessageKeys.Help)]),
            Row("closing", FlowValidator.PromptSegments, [script.State(script.Done).Text]),
        ];
    }
}
