using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.TestKit.Builders;
using InterviewTextLine.Understanding.Classification;
using InterviewTextLine.Understanding.Rules;
using Moq;

namespace InterviewTextLine.Understanding.Tests;

/// <summary>A text that only greets is settled by the scripts' greeting words, without a model run; anything more goes to the model.</summary>
public sealed class GreetingTests
{
    private static readonly FlowScript Script = FlowLoader.LoadEmbedded("en");

    private static readonly DecisionPolicy Policy = new(Act: 0.7, Safety: 0.3, Present: 0.45, Reply: 0.6);

    [Theory]
    [InlineData("hi")]
    [InlineData("hellooo?")]
    [InlineData("hey u there")]
    [InlineData("buenas tardes")]
    public void A_text_that_only_greets_means_nothing_and_the_model_never_reads_it(string greeting)
    {
        // Strict: any call to the model fails the test.
        var classifier = new Mock<IMeaningClassifier>(MockBehavior.Strict);

        var meaning = Understand(classifier.Object, greeting);

        Assert.Equal((MeaningKind.Nothing, MeaningSource.Rule), (meaning.Kind, meaning.Source));
    }

    [Fact]
    public void A_greeting_with_a_problem_in_it_is_read_by_the_model()
    {
        const string text = "hi, the pay is way too low";
        var labels = ModelLabels.Of(Script);
        var scores = labels.Select(label => label == "dealbreaker" ? 0.9f : 0.1f / (labels.Count - 1)).ToArray();
        var classifier = new Mock<IMeaningClassifier>(MockBehavior.Strict);
        classifier.Setup(model => model.Classify(TextReading.Of(text).Folded, Script.Start)).Returns(new LabelProbabilities(labels, scores));

        var meaning = Understand(classifier.Object, text);

        Assert.Equal((MeaningKind.Situation, "dealbreaker", MeaningSource.Model), (meaning.Kind, meaning.Value, meaning.Source));
        classifier.Verify(model => model.Classify(It.IsAny<string>(), Script.Start), Times.Once);
    }

    private static Meaning Understand(IMeaningClassifier classifier, string text) =>
        new Understander(Script, TestKeywords.BuiltIn, classifier, Policy, new TextMender("en", speller: null))
            .Understand(TextReading.Of(text), Script.State(Script.Start), justAskedBack: false);
}
