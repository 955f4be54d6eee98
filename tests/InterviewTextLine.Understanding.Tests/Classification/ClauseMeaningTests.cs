using InterviewTextLine.Understanding.Classification;
using Moq;

namespace InterviewTextLine.Understanding.Tests.Classification;

/// <summary>The shipped classifier reads a text's clauses with the whole text's sentence vector, computed once.</summary>
public sealed class ClauseMeaningTests
{
    [Fact]
    public void A_texts_clauses_reuse_its_sentence_vector_and_read_their_own_words()
    {
        var embedder = new Mock<ISentenceEmbedder>();
        embedder.SetupGet(model => model.Vocabulary).Returns(["pay", "rude"]);
        embedder.Setup(model => model.Embed(It.IsAny<string>())).Returns(new float[MeaningInput.Dimensions]);
        using var model = ShippedModels.Model("en");
        var classifier = new TrainedClassifier(model, embedder.Object, ShippedModels.Words("en").Keys);
        const string whole = "the pay is half what they posted, and he keeps rolling his eyes at me";

        var wholeReading = classifier.Classify(whole, "welcome");
        var pay = classifier.ClassifyClause("the pay is half what they posted", whole, "welcome");
        var eyes = classifier.ClassifyClause("and he keeps rolling his eyes at me", whole, "welcome");

        embedder.Verify(model => model.Embed(It.IsAny<string>()), Times.Once);
        Assert.Equal("dealbreaker", pay.Among(_ => true)[0].Label);
        Assert.NotEqual(pay.Among(_ => true)[0].Label, eyes.Among(_ => true)[0].Label);
        Assert.Equal(wholeReading.Labels, pay.Labels);
    }
}
