using InterviewTextLine.Core.Understanding;
using InterviewTextLine.Understanding.Rules;

namespace InterviewTextLine.Understanding.Tests.Rules;

/// <summary>A language's mended reading of a text: done once per text and language, and kept with the text.</summary>
public sealed class TextMenderTests
{
    private static readonly SpellingCorrector Speller = new(["interviewer", "rude"], ["being", "super"]);

    [Fact]
    public void The_words_come_mended_and_a_second_reading_is_the_first_one_kept()
    {
        var text = TextReading.Of("Intervewer is beeing super RDUE");
        var mender = new TextMender("en", Speller);

        var words = mender.Words(text);

        Assert.Equal(["interviewer", "is", "being", "super", "rude"], words);
        Assert.Same(words, mender.Words(text));
    }

    [Fact]
    public void Each_language_keeps_its_own_mended_reading_of_the_same_text()
    {
        var text = TextReading.Of("hostle");
        var english = new TextMender("en", new SpellingCorrector(["hostile"], []));
        var other = new TextMender("xx", new SpellingCorrector(["hostel"], []));

        Assert.Equal(["hostile"], english.Words(text));
        Assert.Equal(["hostel"], other.Words(text));
        Assert.Equal(["hostile"], english.Words(text));
    }

    [Fact]
    public void A_language_without_a_speller_reads_the_folded_words()
    {
        var text = TextReading.Of("Intervewer is beeing");

        Assert.Same(text.Words, new TextMender("en", speller: null).Words(text));
    }
}
