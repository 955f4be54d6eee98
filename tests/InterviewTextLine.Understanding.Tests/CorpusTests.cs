using InterviewTextLine.Core;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewTextLine.Understanding.Tests;

/// <summary>The corpus that ships with the line, and the line's scores on it.</summary>
public sealed class CorpusTests
{
    [Fact]
    public void Every_label_in_the_corpus_is_a_situation_a_reply_of_its_state_a_command_or_none()
    {
        var script = FlowLoader.LoadEmbedded();
        foreach (var text in Corpus.Train().Concat(Corpus.Evaluation()))
        {
            Assert.True(text.IsFirstText || script.HasState(text.State), $"Unknown state '{text.State}': {text.Text}");
            var options = text.IsFirstText ? [] : script.State(text.State).Options.Select(option => option.Reply);
            Assert.True(
                text.Expect == LabelledText.Nothing || script.Situations.ContainsKey(text.Expect) || Commands.All.Contains(text.Expect) || options.Contains(text.Expect),
                $"Label '{text.Expect}' means nothing in state '{text.State}': {text.Text}");
        }
    }

    [Fact]
    public void The_evaluation_split_shares_no_text_with_the_training_split()
    {
        var train = Corpus.Train().Select(text => text.Text.ToUpperInvariant()).ToHashSet();
        Assert.DoesNotContain(Corpus.Evaluation(), text => train.Contains(text.Text.ToUpperInvariant()));
        Assert.True(Corpus.Train().Count + Corpus.Evaluation().Count >= 600);
    }

    [Fact]
    public void The_shipped_vectors_cover_every_training_text_as_the_line_cleans_it()
    {
        var understander = new Understander(FlowLoader.LoadEmbedded(), MiniLmSentenceEmbedder.Shared, []);
        var cache = VectorCache.LoadEmbedded();
        var missing = Corpus.Train().Select(text => understander.Clean(text.Text)).Where(text => !cache.TryGet(text, out _)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} training texts have no shipped vector; run `textline vectors`. First: {missing.FirstOrDefault()}");
    }

    [Fact]
    public void A_shipped_vector_is_what_the_model_computes_for_its_text()
    {
        var understander = new Understander(FlowLoader.LoadEmbedded(), MiniLmSentenceEmbedder.Shared, []);
        var text = understander.Clean(Corpus.Train()[0].Text);
        Assert.True(VectorCache.LoadEmbedded().TryGet(text, out var shipped));
        var computed = MiniLmSentenceEmbedder.Shared.Compute([text])[0];
        var similarity = shipped.Zip(computed, (a, b) => a * b).Sum();
        Assert.True(similarity > 0.999, $"The shipped vector differs from the model's ({similarity:0.0000}).");
    }

    /// <summary>
    /// The scores on the evaluation split, which nothing is tuned on, meet every target that
    /// <c>textline eval</c> prints: first texts routed, the wrong-situation rate, every safety text with
    /// the safety advice first, and in-flow replies.
    /// </summary>
    [Fact]
    public void Scores_on_the_evaluation_split_meet_the_targets()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.Values).Build();
        using var services = new ServiceCollection().AddLogging().AddTextLineCore(configuration).AddSentenceModel().BuildServiceProvider();
        var engine = services.GetRequiredService<ConversationEngine>();
        var report = Evaluation.Run(engine, Corpus.Evaluation(), "911", leaveOneOut: false, new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));

        Assert.True(report.FirstTextAccuracy >= EvaluationTargets.FirstTextAccuracy, $"First texts routed: {report.FirstTextAccuracy:P1}");
        Assert.True(report.WrongSituationRate <= EvaluationTargets.WrongSituationRate, $"Wrong situation: {report.WrongSituationRate:P1}");
        Assert.True(report.SafetyFirstCount == report.Safety.Count(), $"Safety first: {report.SafetyFirstCount}/{report.Safety.Count()}");
        Assert.True(report.InFlowAccuracy >= EvaluationTargets.InFlowAccuracy, $"In-flow: {report.InFlowAccuracy:P1}");
    }
}
