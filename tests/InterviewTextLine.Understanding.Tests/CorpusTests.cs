using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.Understanding.Training;

namespace InterviewTextLine.Understanding.Tests;

/// <summary>
/// The corpus the models are trained from, the models that ship, and the line's scores on the frozen evaluation
/// splits, which nothing is trained or tuned on.
/// </summary>
public sealed class CorpusTests
{
    public static TheoryData<string> Languages => [.. Corpus.Languages];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_label_in_the_corpus_is_a_situation_a_reply_in_reach_a_command_or_none(string language)
    {
        var script = FlowLoader.LoadEmbedded(language);
        foreach (var text in Corpus.Train(language).Concat(Corpus.Evaluation(language)))
        {
            Assert.True(text.IsFirstText || script.HasState(text.State), $"Unknown state '{text.State}': {text.Text}");
            var replies = text.IsFirstText ? [] : script.RepliesInReach(script.State(text.State)).Select(option => option.Reply).ToHashSet();
            foreach (var label in new[] { text.Expect, text.Also }.OfType<string>())
            {
                Assert.True(
                    label == Labels.Nothing || script.Situations.ContainsKey(label) || Commands.All.Contains(label) || replies.Contains(label),
                    $"Label '{label}' means nothing in state '{text.State}': {text.Text}");
            }
        }
    }

    [Theory]
    [InlineData("en", 4000, 400)]
    [InlineData("es", 1800, 200)]
    public void The_training_split_covers_nervous_and_neutral_texters(string language, int atLeast, int perCalmClass)
    {
        var train = Corpus.Train(language);
        Assert.True(train.Count >= atLeast, $"{train.Count} training texts");
        Assert.True(train.Count(text => text.Expect == "nerves") >= perCalmClass, "nerves");
        Assert.True(train.Count(text => text.Expect == Labels.Nothing && text.IsFirstText) >= perCalmClass, "none");
        Assert.Contains(train, text => text.Also is not null);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_evaluation_split_shares_no_text_with_the_training_split_and_has_the_same_classes(string language)
    {
        var train = Corpus.Train(language);
        var known = train.Select(text => TextReading.Of(text.Text).Folded).ToHashSet(StringComparer.Ordinal);
        var evaluation = Corpus.Evaluation(language);
        Assert.DoesNotContain(evaluation, text => known.Contains(TextReading.Of(text.Text).Folded));
        var trainedClasses = train.Where(text => text.IsFirstText).Select(text => text.Expect).ToHashSet(StringComparer.Ordinal);
        var evaluatedClasses = evaluation.Where(text => text.IsFirstText).Select(text => text.Expect).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(trainedClasses.Order(StringComparer.Ordinal), evaluatedClasses.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The shipped models were trained from this corpus, these scripts and these settings: edit any of them and
    /// this fails until <c>textline train</c> runs again.
    /// </summary>
    [Fact]
    public void The_shipped_models_are_not_stale()
    {
        var scripts = Corpus.Languages.Select(FlowLoader.LoadEmbedded).ToList();
        var manifest = ShippedModels.Manifest();
        Assert.True(
            ModelFiles.Fingerprint(TrainingSettings.Default, scripts) == manifest.Fingerprint,
            "The corpus, a script's phrases or the training settings changed since the models were trained: run `textline train`.");
        Assert.Equal(Corpus.Languages, manifest.Languages);
        Assert.All(Corpus.Languages, language => Assert.True(ShippedModels.Policy(language).IsValid));
    }

    /// <summary>
    /// A sure danger phrase wins over the model, so it must never appear in a training text about anything else:
    /// if it does, it is not sure, and belongs to the model.
    /// </summary>
    [Theory]
    [MemberData(nameof(Languages))]
    public void No_sure_danger_phrase_appears_in_a_calm_or_other_training_text(string language)
    {
        var script = FlowLoader.LoadEmbedded(language);
        var understander = Understood.Line.Languages.For(language).Understander;
        var start = script.State(script.Start);
        var misfires = Corpus.Train(language)
            .Where(text => text.Expect != script.Urgent && text.Also != script.Urgent && text.IsFirstText)
            .Where(text => understander.IsUrgent(TextReading.Of(text.Text), rulesOnly: true))
            .Select(text => $"{text.Expect}: {text.Text}")
            .ToList();
        Assert.True(misfires.Count == 0, "Sure danger phrases in texts about something else:\n" + string.Join('\n', misfires));
        Assert.NotNull(start);
    }

    /// <summary>
    /// The scores on each language's evaluation split hold the floor the shipped models reach (first texts right,
    /// wrong advice, danger told to leave and call in the first screen, safety precision, nervous or neutral texters
    /// told to leave, in-flow replies); <c>textline eval</c> prints them against the targets.
    /// </summary>
    [Theory]
    [MemberData(nameof(Languages))]
    public void Scores_on_the_evaluation_split_hold_the_floor(string language)
    {
        var engine = Understood.Line.Languages.For(language);
        Assert.Equal(language, engine.Script.Language);

        var report = Evaluation.Run(engine, Corpus.Evaluation(language), "911", new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));

        var missed = EvaluationTargets.FloorFor(language).Missed(report);
        Assert.True(missed.Count == 0, string.Join("; ", missed) + "\nMisses:\n" + string.Join('\n', report.Misses.Take(15).Select(miss => $"[{miss.Text.State}] {miss.Text.Expect} -> {miss.Actual}: {miss.Text.Text}")));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_floor_is_never_above_the_target(string language)
    {
        var (floor, target) = (EvaluationTargets.FloorFor(language), EvaluationTargets.For(language));
        Assert.True(floor.FirstTextAccuracy <= target.FirstTextAccuracy && floor.WrongSituationRate >= target.WrongSituationRate && floor.InFlowAccuracy <= target.InFlowAccuracy);
        Assert.Equal((0, 0), (target.SafetyMissesAllowed, target.CalmToldToLeaveAllowed));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Texts_with_two_problems_get_advice_for_one_of_them_and_no_question_back(string language)
    {
        var engine = Understood.Line.Languages.For(language);
        var twoProblems = Corpus.Evaluation(language).Where(text => text.Also is not null && text.IsFirstText).ToList();
        Assert.NotEmpty(twoProblems);

        var report = Evaluation.Run(engine, twoProblems, "911", new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));

        Assert.DoesNotContain(report.Results, result => result.Actual == Labels.Clarify);
        var advised = report.Results.Count(result => result.Advised == result.Text.Expect || result.Advised == result.Text.Also);
        Assert.True(advised * 3 >= report.Results.Count * 2, $"{advised} of {report.Results.Count} got advice for one of their problems.");
    }
}
