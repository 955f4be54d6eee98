using InterviewTextLine.Understanding.Rules;

namespace InterviewTextLine.Understanding.Tests.Rules;

/// <summary>The spelling corrector on a small vocabulary of its own: what it mends, towards what, and what it leaves.</summary>
public sealed class SpellingCorrectorTests
{
    /// <summary>The line's words (preferred), then the model's in order of how common they are, then slang; English endings.</summary>
    private static readonly SpellingCorrector Speller = new(
        lineWords: ["rude", "interviewer", "salary", "pay", "stop"],
        modelWords: ["being", "super", "fired", "hired", "ricky", "manager", "salery", "recruiter", "walker", "talker"],
        otherWords: ["tbh", "lol"],
        endings: Core.Flow.FlowLoader.LoadEmbedded("en").Words.Endings);

    [Theory]
    [InlineData("rdue", "rude")]
    [InlineData("intervewer", "interviewer")]
    [InlineData("beeing", "being")]
    [InlineData("sotp", "stop")]
    public void A_word_no_vocabulary_knows_is_mended_to_the_word_one_slip_away(string typed, string meant) =>
        Assert.Equal(meant, Speller.Mend(typed));

    [Fact]
    public void The_lines_own_words_come_before_the_models()
    {
        // One slip from both the line's "salary" and the model's "salery".
        Assert.Equal("salary", Speller.Mend("salxry"));
    }

    [Fact]
    public void Among_the_models_words_the_more_common_one_wins()
    {
        // "xalker" is one slip from "walker" and from "talker"; the model lists "walker" first.
        Assert.Equal("walker", Speller.Mend("xalker"));
    }

    [Theory]
    [InlineData("fired")]
    [InlineData("super")]
    [InlineData("tbh")]
    [InlineData("recruiters")]
    [InlineData("stopped")]
    [InlineData("rudely")]
    public void A_known_word_or_one_with_a_common_ending_is_never_changed(string word)
    {
        Assert.True(Speller.IsKnown(word));
        Assert.Null(Speller.Mend(word));
    }

    [Theory]
    [InlineData("pya")]
    [InlineData("icky")]
    [InlineData("lolz")]
    [InlineData("RDUE")]
    [InlineData("rdue2")]
    [InlineData("qwertyuiop")]
    public void Short_words_shouting_digits_and_words_nothing_is_near_stay_as_typed(string word) =>
        Assert.Null(Speller.Mend(word));

    [Fact]
    public void The_models_vocabulary_serves_only_words_long_enough_to_be_safe()
    {
        // "icky" is one slip from the model's "ricky", but a four-letter word is mended only towards the line's own
        // words; a word of six letters or more may go to the model's.
        Assert.Null(Speller.Mend("icky"));
        Assert.Equal("manager", Speller.Mend("managr"));
    }

    [Fact]
    public void Correct_mends_each_word_in_place_and_returns_the_words_themselves_when_none_needs_it()
    {
        IReadOnlyList<string> clean = ["the", "interviewer", "is", "rude"];

        Assert.Equal(["the", "interviewer", "is", "being", "super", "rude"], Speller.Correct(["the", "intervewer", "is", "beeing", "super", "rdue"]));
        Assert.Same(clean, Speller.Correct(clean));
    }
}
