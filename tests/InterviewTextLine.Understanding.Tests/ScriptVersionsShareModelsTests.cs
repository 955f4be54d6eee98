using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Languages;
using InterviewTextLine.Understanding.Classification;

namespace InterviewTextLine.Understanding.Tests;

/// <summary>
/// A published script version replaces a language's wording, not its model: every version of a language reads with
/// the one classifier loaded for it, so publishing does not load another copy of the model.
/// </summary>
public sealed class ScriptVersionsShareModelsTests
{
    [Fact]
    public void Two_versions_of_a_languages_script_share_its_classifier_and_each_language_has_its_own()
    {
        var english = FlowLoader.LoadEmbedded("en");
        var published = FlowLoader.LoadEmbedded("en");
        var spanish = FlowLoader.LoadEmbedded("es");
        var scripts = new FlowScripts([english, spanish]);
        var understanding = new TextUnderstanding(MiniLmSentenceEmbedder.Shared, scripts, new LanguageRegistry(BuiltInLanguages.All));

        var first = understanding.Create(english, scripts.Keywords);
        var second = understanding.Create(published, scripts.Keywords);
        var other = understanding.Create(spanish, scripts.Keywords);

        Assert.NotSame(english, published);
        Assert.Same(first.Classifier, second.Classifier);
        Assert.NotSame(first.Classifier, other.Classifier);
        Assert.IsType<TrainedClassifier>(first.Classifier);
    }
}
