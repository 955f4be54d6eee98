using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.Understanding.Classification;
using InterviewTextLine.Understanding.Languages;
using InterviewTextLine.Understanding.Rules;

namespace InterviewTextLine.Understanding.Tests;

/// <summary>The exact rules the model never overrides, and the language detector, each on its own.</summary>
public sealed class RulesTests
{
    private static readonly FlowScript English = FlowLoader.LoadEmbedded("en");

    private static readonly LanguageDetector Detector = new(FlowLoader.Languages.ToDictionary(language => language, ShippedModels.Words, StringComparer.Ordinal));

    [Theory]
    [InlineData("2", "rude")]
    [InlineData("#2", "rude")]
    [InlineData("two", "rude")]
    [InlineData("6", "nerves")]
    [InlineData("six", "nerves")]
    [InlineData("7", null)]
    public void A_menu_number_picks_its_situation(string text, string? situation) =>
        Assert.Equal(situation, new SituationRules(English).ByNumber(TextReading.Of(text).Words));

    [Theory]
    [InlineData("seis", "nerves")]
    [InlineData("opcion 5", "questions")]
    [InlineData("2", "rude")]
    public void A_menu_number_in_the_script_s_language_picks_its_situation(string text, string? situation) =>
        Assert.Equal(situation, new SituationRules(FlowLoader.LoadEmbedded("es")).ByNumber(TextReading.Of(text).Words));

    [Theory]
    [InlineData("deal breaker", "dealbreaker")]
    [InlineData("rdue", "rude")]
    [InlineData("the deal breaker is the pay", null)]
    public void A_keyword_said_as_the_whole_text_picks_its_situation(string text, string? situation) =>
        Assert.Equal(situation, new SituationRules(English).ByKeyword(TextReading.Of(text).Words));

    [Theory]
    [InlineData("he grabbed me by the arm", true)]
    [InlineData("she blocked the door and wont let me leave", true)]
    [InlineData("he didnt lock the door, its fine", false)]
    [InlineData("this commute would kill me", false)]
    [InlineData("she grilled me on sql", false)]
    [InlineData("he pushed me to answer about my salary history", false)]
    public void Only_sure_phrases_are_danger_by_rule_and_a_negation_cancels_one(string text, bool urgent) =>
        Assert.Equal(urgent, new SituationRules(English).IsUrgent(TextReading.Of(text).Words));

    [Theory]
    [InlineData("ok")]
    [InlineData("SOS")]
    [InlineData("no")]
    [InlineData("1")]
    [InlineData("email")]
    public void A_short_text_both_languages_share_is_no_language(string text) =>
        Assert.Null(Detector.Detect(TextReading.Of(text), midConversation: false));

    [Theory]
    [InlineData("gun")]
    [InlineData("miedo")]
    [InlineData("ok gracias")]
    public void A_short_text_never_switches_a_conversation(string text) =>
        Assert.Null(Detector.Detect(TextReading.Of(text), midConversation: true));

    [Fact]
    public void A_word_only_one_language_uses_names_it_alone() =>
        Assert.Equal("es", Detector.Detect(TextReading.Of("ayuda"), midConversation: false));

    [Theory]
    [InlineData("me pregunto mi edad y religion", "es")]
    [InlineData("Hola, estoy en una entrevista de trabajo", "es")]
    [InlineData("el manager fue super rude conmigo y no se que hacer", "es")]
    [InlineData("the manager was so rude to me, que hago", "en")]
    [InlineData("the interviewer keeps asking if I'm married", "en")]
    public void A_text_is_in_the_language_of_most_of_its_words(string text, string language) =>
        Assert.Equal(language, Detector.Detect(TextReading.Of(text), midConversation: false));

    [Fact]
    public void Mid_conversation_it_takes_a_sentence_to_switch()
    {
        Assert.Null(Detector.Detect(TextReading.Of("si claro"), midConversation: true));
        Assert.Equal("es", Detector.Detect(TextReading.Of("me esta gritando y no se que hacer"), midConversation: true));
    }

    [Fact]
    public void The_sentence_model_reads_a_real_text_whole_and_noise_only_up_to_its_eighth_unknown_word()
    {
        var known = new HashSet<string>(["the", "interviewer", "keeps", "asking", "if", "im", "married"], StringComparer.Ordinal);
        var real = TextReading.Of("The interviewer keeps asking if I'm married, qwrt zxcv!").Folded;
        var noise = TextReading.Of("the qwe rty uio pas dfg hjk lzx cvb nmq wer tyu").Folded;

        Assert.Equal(real, SentenceText.Bound(real, known));
        Assert.Equal("the qwe rty uio pas dfg hjk lzx", SentenceText.Bound(noise, known));
    }

    [Theory]
    [MemberData(nameof(CorpusLanguages))]
    public void No_corpus_text_is_cut_for_the_sentence_model(string language)
    {
        var known = new HashSet<string>(MiniLmSentenceEmbedder.Shared.Vocabulary.Concat(ShippedModels.Words(language).Keys), StringComparer.Ordinal);
        var cut = Training.Corpus.Train(language).Concat(Training.Corpus.Evaluation(language))
            .Select(text => TextReading.Of(text.Text).Folded)
            .Where(folded => SentenceText.Bound(folded, known) != folded)
            .ToList();
        Assert.True(cut.Count == 0, "Cut: " + string.Join(" | ", cut.Take(3)));
    }

    public static TheoryData<string> CorpusLanguages => [.. FlowLoader.Languages];
}
