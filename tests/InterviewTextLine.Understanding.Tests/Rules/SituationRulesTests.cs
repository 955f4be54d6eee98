using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Understanding;
using InterviewTextLine.Understanding.Rules;

namespace InterviewTextLine.Understanding.Tests.Rules;

/// <summary>
/// The situation rules on the shipped English script, beyond what <see cref="RulesTests"/> samples: how far back a
/// negation reaches, phrases that end in a wildcard or start with a negation, and which phrase a decision rests on.
/// </summary>
public sealed class SituationRulesTests
{
    private static readonly SituationRules English = new(FlowLoader.LoadEmbedded("en"));

    private static IReadOnlyList<string> Words(string text) => TextReading.Of(text).Words;

    [Theory]
    [InlineData("he didnt lock the door", false)]
    [InlineData("no one threatened me", false)]
    [InlineData("never once did he threaten me", true)]
    [InlineData("he said he would lock the door", true)]
    public void A_negation_cancels_a_sure_phrase_only_from_the_two_words_before_it(string text, bool urgent) =>
        Assert.Equal(urgent, English.IsUrgent(Words(text)));

    [Theory]
    [InlineData("no, not safe at all", true)]
    [InlineData("she kept blocking the door", true)]
    [InlineData("he was threatening everyone", true)]
    [InlineData("the blockchain team was great", false)]
    public void A_phrase_may_start_with_a_negation_of_its_own_or_end_a_word_with_a_wildcard(string text, bool urgent) =>
        Assert.Equal(urgent, English.IsUrgent(Words(text)));

    [Theory]
    [InlineData("she blocked the door and laughed", "block* the door")]
    [InlineData("he took my phone", "took my phone")]
    [InlineData("the pay is too low", null)]
    public void The_phrase_a_text_was_taken_as_danger_for_is_named(string text, string? phrase) =>
        Assert.Equal(phrase, English.UrgentPhrase(Words(text)));

    [Theory]
    [InlineData("on the fence", "unsure")]
    [InlineData("hostle", "rude")]
    [InlineData("maen", "rude")]
    [InlineData("im on the fence", null)]
    [InlineData("he was hostile", null)]
    public void A_keyword_counts_only_as_the_whole_text_and_forgives_a_typo_only_in_one_word(string text, string? situation) =>
        Assert.Equal(situation, English.ByKeyword(Words(text)));
}
