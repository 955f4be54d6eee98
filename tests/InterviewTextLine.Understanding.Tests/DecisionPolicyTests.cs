using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.TestKit.Builders;
using InterviewTextLine.Understanding.Classification;
using InterviewTextLine.Understanding.Rules;
using Moq;

namespace InterviewTextLine.Understanding.Tests;

/// <summary>
/// The decision policy over a classifier's probabilities, with the classifier mocked: what the line does when the
/// model is sure, torn between two, sees two problems, sees danger below the top, or sees nothing.
/// </summary>
public sealed class DecisionPolicyTests
{
    private static readonly DecisionPolicy Policy = new(Act: 0.6, Safety: 0.3, Present: 0.25, Reply: 0.5);

    private static readonly FlowScript Script = FlowLoader.LoadEmbedded("en");

    /// <summary>A text no rule matches, so the model decides.</summary>
    private const string Free = "it is all going a bit sideways in here honestly";

    private static (Understander Understander, Mock<IMeaningClassifier> Classifier) With(params (string Label, float Probability)[] probabilities)
    {
        var labels = ModelLabels.Of(Script);
        var scores = labels.Select(label => probabilities.FirstOrDefault(pair => pair.Label == label).Probability).ToArray();
        var classifier = new Mock<IMeaningClassifier>(MockBehavior.Strict);
        classifier.Setup(model => model.Classify(It.IsAny<string>(), It.IsAny<string>())).Returns(new LabelProbabilities(labels, scores));
        return (new Understander(Script, TestKeywords.BuiltIn, classifier.Object, Policy, new TextMender("en", speller: null)), classifier);
    }

    private static Meaning FirstText(Understander understander, bool justAskedBack = false) =>
        understander.Understand(TextReading.Of(Free), Script.State(Script.Start), justAskedBack);

    [Fact]
    public void A_sure_reading_is_acted_on_and_the_model_reads_the_folded_text_in_its_state()
    {
        var (understander, classifier) = With(("dealbreaker", 0.9f), ("unsure", 0.1f));

        var meaning = FirstText(understander);

        Assert.Equal(new Meaning(MeaningKind.Situation, "dealbreaker", null, MeaningSource.Model, 0.9), meaning, MeaningComparer.Instance);
        classifier.Verify(model => model.Classify(TextReading.Of(Free).Folded, Script.Start), Times.Once);
    }

    [Fact]
    public void A_command_the_model_is_sure_of_carries_the_command_itself()
    {
        var (understander, _) = With(("WORDS", 0.8f), ("none", 0.2f));

        var meaning = FirstText(understander);

        Assert.Equal((MeaningKind.Command, Core.Conversations.Keyword.Words, "WORDS", MeaningSource.Model), (meaning.Kind, meaning.Command, meaning.Label, meaning.Source));
    }

    [Fact]
    public void Two_close_situations_of_the_same_weight_get_one_question_and_never_two_in_a_row()
    {
        var (understander, _) = With(("dealbreaker", 0.45f), ("notforme", 0.4f), ("none", 0.15f));

        var first = FirstText(understander);
        var afterAsking = FirstText(understander, justAskedBack: true);

        Assert.Equal((MeaningKind.Clarify, "dealbreaker", "notforme"), (first.Kind, first.Value, first.Second));
        Assert.Equal(MeaningKind.Situation, afterAsking.Kind);
        Assert.Equal("dealbreaker", afterAsking.Value);
    }

    [Fact]
    public void Two_problems_get_the_weightier_advice_and_name_the_other()
    {
        var (understander, _) = With(("dealbreaker", 0.5f), ("rude", 0.45f), ("none", 0.05f));

        var meaning = FirstText(understander);

        Assert.Equal((MeaningKind.Situation, "rude", "dealbreaker"), (meaning.Kind, meaning.Value, meaning.Second));
    }

    [Fact]
    public void Nerves_beside_a_real_problem_give_the_problem_advice_and_are_not_named_as_a_second_problem()
    {
        var (understander, _) = With(("nerves", 0.5f), ("questions", 0.45f), ("none", 0.05f));

        var meaning = FirstText(understander);

        Assert.Equal((MeaningKind.Situation, "questions", (string?)null), (meaning.Kind, meaning.Value, meaning.Second));
    }

    [Fact]
    public void Danger_above_its_own_threshold_wins_even_below_the_top_and_names_nothing_else()
    {
        var (understander, _) = With(("rude", 0.62f), ("safety", 0.33f), ("none", 0.05f));

        var meaning = FirstText(understander);

        Assert.Equal((MeaningKind.Situation, "safety", (string?)null), (meaning.Kind, meaning.Value, meaning.Second));
    }

    [Fact]
    public void Danger_below_its_threshold_does_not_decide()
    {
        var (understander, _) = With(("nerves", 0.75f), ("safety", 0.2f), ("none", 0.05f));

        Assert.Equal("nerves", FirstText(understander).Value);
    }

    [Theory]
    [InlineData("none", 0.8f)]
    [InlineData("dealbreaker", 0.3f)]
    public void Nothing_sure_gets_the_menu(string label, float probability)
    {
        var (understander, _) = With((label, probability), ("unsure", (1 - probability) / 3), ("rude", (1 - probability) / 3), ("notforme", (1 - probability) / 3));

        Assert.Equal(MeaningKind.Nothing, FirstText(understander).Kind);
    }

    [Fact]
    public void In_a_state_only_its_replies_commands_and_other_situations_count()
    {
        // BETTER is a reply of the nerves state only: in the deal-breaker state it is set aside, and YES, scaled up
        // among what remains, is acted on.
        var (understander, _) = With(("BETTER", 0.5f), ("YES", 0.35f), ("none", 0.15f));

        var meaning = understander.Understand(TextReading.Of(Free), Script.State("dealbreaker"), justAskedBack: false);

        Assert.Equal((MeaningKind.Option, "YES"), (meaning.Kind, meaning.Value));
    }

    [Fact]
    public void A_situation_a_reply_of_the_state_leads_to_is_that_reply()
    {
        // After "still a problem", a deal-breaker is the state's reply 1.
        var (understander, _) = With(("dealbreaker", 0.9f), ("none", 0.1f));

        var meaning = understander.Understand(TextReading.Of(Free), Script.State("fence_still"), justAskedBack: false);

        Assert.Equal((MeaningKind.Option, "1"), (meaning.Kind, meaning.Value));
    }

    [Fact]
    public void A_sure_danger_phrase_wins_without_the_model()
    {
        var (understander, classifier) = With(("nerves", 1f));

        var meaning = understander.Understand(TextReading.Of("he pulled a knife on me"), Script.State(Script.Start), justAskedBack: false);

        Assert.Equal((MeaningKind.Situation, "safety", MeaningSource.Rule), (meaning.Kind, meaning.Value, meaning.Source));
        classifier.Verify(model => model.Classify(It.IsAny<string>(), It.IsAny<string>()), Times.Never);
    }

    /// <summary>Compares meanings with their confidence rounded, so float arithmetic does not decide a test.</summary>
    private sealed class MeaningComparer : IEqualityComparer<Meaning>
    {
        public static MeaningComparer Instance { get; } = new();

        public bool Equals(Meaning? x, Meaning? y) =>
            x is not null && y is not null && (x.Kind, x.Value, x.Second, x.Source) == (y.Kind, y.Value, y.Second, y.Source) && Math.Abs(x.Confidence - y.Confidence) < 1e-3;

        public int GetHashCode(Meaning obj) => HashCode.Combine(obj.Kind, obj.Value);
    }
}
