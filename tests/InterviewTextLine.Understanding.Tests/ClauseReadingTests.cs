using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.TestKit.Builders;
using InterviewTextLine.Understanding.Classification;
using InterviewTextLine.Understanding.Rules;
using Moq;

namespace InterviewTextLine.Understanding.Tests;

/// <summary>
/// Reading a text clause by clause, with the classifier mocked per clause: a problem the model is sure of in one
/// clause is named after the advice, or leads when it is weightier; a text whose two problems leave the model unsure
/// of either is read from its clauses; nerves and danger are never raised from a clause.
/// </summary>
public sealed class ClauseReadingTests
{
    private static readonly DecisionPolicy Policy = new(Act: 0.7, Safety: 0.3, Present: 0.45, Reply: 0.6);

    private static readonly FlowScript Script = FlowLoader.LoadEmbedded("en");

    private const string Text = "the pay is way too low for this job, and he keeps talking down to me";
    private const string PayClause = "the pay is way too low for this job";
    private const string RudeClause = "and he keeps talking down to me";

    private static Meaning Read(string text, params (string Text, string Label, float Probability)[] readings)
    {
        var labels = ModelLabels.Of(Script);
        var classifier = new Mock<IMeaningClassifier>(MockBehavior.Strict);
        foreach (var group in readings.GroupBy(reading => reading.Text))
        {
            var scores = labels.Select(label => group.FirstOrDefault(reading => reading.Label == label).Probability).ToArray();
            var rest = 1 - scores.Sum();
            scores[labels.IndexOf(Labels.Nothing)] += rest;
            var probabilities = new LabelProbabilities(labels, scores);
            if (group.Key == text)
            {
                classifier.Setup(model => model.Classify(text, Script.Start)).Returns(probabilities);
            }
            else
            {
                // A clause is read with the whole text's meaning: the whole text must come with it.
                classifier.Setup(model => model.ClassifyClause(group.Key, text, Script.Start)).Returns(probabilities);
            }
        }

        var understander = new Understander(Script, TestKeywords.BuiltIn, classifier.Object, Policy, new TextMender("en", speller: null));
        return understander.Understand(TextReading.Of(text), Script.State(Script.Start), justAskedBack: false);
    }

    [Fact]
    public void A_weightier_problem_sure_in_one_clause_leads_and_the_whole_texts_reading_is_named_after_it()
    {
        var meaning = Read(Text, (Text, "dealbreaker", 0.9f), (PayClause, "dealbreaker", 0.95f), (RudeClause, "rude", 0.9f));

        Assert.Equal((MeaningKind.Situation, "rude", "dealbreaker"), (meaning.Kind, meaning.Value, meaning.Second));
    }

    [Fact]
    public void A_lesser_problem_sure_in_one_clause_is_named_after_the_advice()
    {
        var meaning = Read(Text, (Text, "rude", 0.9f), (PayClause, "dealbreaker", 0.9f), (RudeClause, "rude", 0.95f));

        Assert.Equal((MeaningKind.Situation, "rude", "dealbreaker"), (meaning.Kind, meaning.Value, meaning.Second));
    }

    [Fact]
    public void A_clause_below_the_acting_threshold_names_nothing()
    {
        var meaning = Read(Text, (Text, "rude", 0.9f), (PayClause, "dealbreaker", 0.6f), (RudeClause, "rude", 0.95f));

        Assert.Equal((MeaningKind.Situation, "rude", (string?)null), (meaning.Kind, meaning.Value, meaning.Second));
    }

    [Fact]
    public void A_nervous_texter_is_never_given_a_problem_from_one_clause()
    {
        const string nervous = "im so nervous, i think i totally murdered that answer";
        var meaning = Read(nervous, (nervous, "nerves", 0.9f), ("im so nervous", "nerves", 0.9f), ("i think i totally murdered that answer", "notforme", 0.9f));

        Assert.Equal((MeaningKind.Situation, "nerves", (string?)null), (meaning.Kind, meaning.Value, meaning.Second));
    }

    [Fact]
    public void Danger_is_never_raised_from_one_clause()
    {
        const string text = "he shot me a look when i said my number, and the pay is a joke";
        var meaning = Read(text, (text, "dealbreaker", 0.9f), ("he shot me a look when i said my number", "safety", 0.9f), ("and the pay is a joke", "dealbreaker", 0.9f));

        Assert.Equal((MeaningKind.Situation, "dealbreaker", (string?)null), (meaning.Kind, meaning.Value, meaning.Second));
    }

    [Fact]
    public void Two_problems_that_split_the_whole_text_are_read_from_their_clauses_the_weightier_first()
    {
        // Neither problem reaches the acting threshold in the whole text, and the two together are not both present.
        var meaning = Read(Text, (Text, "dealbreaker", 0.4f), (Text, "rude", 0.35f), (PayClause, "dealbreaker", 0.9f), (RudeClause, "rude", 0.8f));

        Assert.Equal((MeaningKind.Situation, "rude", "dealbreaker"), (meaning.Kind, meaning.Value, meaning.Second));
        Assert.Equal(0.8, meaning.Confidence, precision: 3);
    }

    [Fact]
    public void An_unsure_text_with_no_sure_clause_gets_the_menu()
    {
        var meaning = Read(Text, (Text, "dealbreaker", 0.4f), (Text, "rude", 0.35f), (PayClause, "dealbreaker", 0.6f), (RudeClause, "rude", 0.5f));

        Assert.Equal(MeaningKind.Nothing, meaning.Kind);
    }

    [Fact]
    public void An_unsure_text_read_whole_as_nerves_is_not_given_a_problem_from_its_clauses()
    {
        const string text = "got hammered with questions about my gap, and now im shaking lol";
        var meaning = Read(text, (text, "nerves", 0.5f), (text, "rude", 0.3f), ("got hammered with questions about my gap", "rude", 0.9f), ("and now im shaking lol", "nerves", 0.9f));

        Assert.NotEqual(MeaningKind.Situation, meaning.Kind);
    }

    [Fact]
    public void An_unsure_text_never_gets_danger_from_one_clause()
    {
        const string text = "he shot me a look when i said my number, and the pay is a joke";
        var meaning = Read(text, (text, "dealbreaker", 0.4f), (text, "rude", 0.3f), ("he shot me a look when i said my number", "safety", 0.9f), ("and the pay is a joke", "dealbreaker", 0.5f));

        Assert.Equal(MeaningKind.Nothing, meaning.Kind);
    }

    [Fact]
    public void A_text_of_one_clause_is_read_once()
    {
        const string text = "the pay is way too low for this job";
        var labels = new[] { "dealbreaker", Labels.Nothing };
        var classifier = new Mock<IMeaningClassifier>(MockBehavior.Strict);
        classifier.Setup(model => model.Classify(text, Script.Start)).Returns(new LabelProbabilities(labels, [0.9f, 0.1f]));
        var understander = new Understander(Script, TestKeywords.BuiltIn, classifier.Object, Policy, new TextMender("en", speller: null));

        var meaning = understander.Understand(TextReading.Of(text), Script.State(Script.Start), justAskedBack: false);

        Assert.Equal("dealbreaker", meaning.Value);
        classifier.Verify(model => model.Classify(It.IsAny<string>(), It.IsAny<string>()), Times.Once);
    }
}
