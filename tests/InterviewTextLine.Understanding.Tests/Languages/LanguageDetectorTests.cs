using InterviewTextLine.Core.Understanding;
using InterviewTextLine.Understanding.Languages;

namespace InterviewTextLine.Understanding.Tests.Languages;

/// <summary>
/// The language detector's rules on two small vocabularies of its own (per word, how many texts of each language use
/// it), so each rule shows on its own: a word votes when one language uses it four times as often, one word alone
/// counts only when it is one language's alone, the majority must beat all the others, and a conversation switches
/// only on three votes.
/// </summary>
public sealed class LanguageDetectorTests
{
    private static readonly LanguageDetector Detector = new(new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal)
    {
        ["en"] = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["the"] = 100, ["interviewer"] = 20, ["rude"] = 20, ["job"] = 40, ["ok"] = 50, ["no"] = 40,
        },
        ["es"] = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["el"] = 100, ["entrevistador"] = 20, ["grosero"] = 20, ["job"] = 2, ["ok"] = 50, ["no"] = 60, ["hola"] = 10,
        },
    });

    private static string? Detect(string text, bool midConversation = false) => Detector.Detect(TextReading.Of(text), midConversation);

    [Theory]
    [InlineData("the", "en")]
    [InlineData("el", "es")]
    [InlineData("job", "en")]
    [InlineData("ok", null)]
    [InlineData("no", null)]
    [InlineData("zzz", null)]
    public void A_word_votes_for_the_language_that_uses_it_four_times_as_often_or_more(string word, string? language) =>
        Assert.Equal(language, Detector.LanguageOf(word));

    [Theory]
    [InlineData("hola", "es")]
    [InlineData("Rude!", "en")]
    [InlineData("job", null)]
    [InlineData("ok", null)]
    public void One_word_alone_names_a_language_only_when_no_other_language_uses_it(string text, string? language) =>
        Assert.Equal(language, Detect(text));

    [Theory]
    [InlineData("el job fue grosero ok", "es")]
    [InlineData("the job el", "en")]
    [InlineData("the el", null)]
    [InlineData("ok no ok", null)]
    public void A_text_is_in_the_language_whose_votes_beat_all_the_others_together(string text, string? language) =>
        Assert.Equal(language, Detect(text));

    [Theory]
    [InlineData("el grosero", null)]
    [InlineData("el entrevistador grosero", "es")]
    [InlineData("the interviewer is rude el", "en")]
    public void Mid_conversation_it_takes_three_votes_to_switch(string text, string? language)
    {
        Assert.Equal(language, Detect(text, midConversation: true));
        Assert.NotNull(Detect(text));
    }
}
