using InterviewTextLine.Core.Sms;

namespace InterviewTextLine.Core.Tests.Sms;

public sealed class SmsSegmentsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(459, 3)]
    [InlineData(460, 4)]
    public void Gsm7_text_fits_160_in_one_message_and_153_per_segment_when_split(int length, int segments)
    {
        var count = SmsSegments.Of(new string('a', length));
        Assert.Equal(SmsEncoding.Gsm7, count.Encoding);
        Assert.Equal(segments, count.Count);
        Assert.Equal(length, count.Units);
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void One_non_gsm_character_switches_the_whole_message_to_ucs2(int length, int segments)
    {
        var text = "\u2019" + new string('a', length - 1);
        var count = SmsSegments.Of(text);
        Assert.Equal(SmsEncoding.Ucs2, count.Encoding);
        Assert.Equal("UCS-2", count.EncodingName);
        Assert.Equal(segments, count.Count);
    }

    [Fact]
    public void Extension_characters_count_twice()
    {
        var count = SmsSegments.Of("{}[]~|^\\\u20ac");
        Assert.Equal(SmsEncoding.Gsm7, count.Encoding);
        Assert.Equal(18, count.Units);
        Assert.Equal(2, SmsSegments.Of(new string('a', 159) + "[").Count);
    }

    [Fact]
    public void An_emoji_costs_two_ucs2_units()
    {
        Assert.Equal(2, SmsSegments.Of("\U0001F600").Units);
    }

    [Theory]
    [InlineData("Plain text: 'quotes', \"double\", @home & 100% sure?", true)]
    [InlineData("Caf\u00e9 \u00e0 la carte \u00a3 \u00a5 \u00c6\u00df", true)]
    [InlineData("curly \u2018quote\u2019", false)]
    [InlineData("long \u2014 dash", false)]
    [InlineData("ellipsis\u2026", false)]
    [InlineData("emoji \U0001F642", false)]
    [InlineData("\u00e7a", false)]
    public void Gsm7_detection_follows_the_gsm_alphabet(string text, bool gsm)
    {
        Assert.Equal(gsm, GsmAlphabet.IsGsm7(text));
    }

    [Fact]
    public void The_normalizer_replaces_typographic_characters_with_gsm7_ones()
    {
        var normalized = SmsNormalizer.ToGsm7("\u201cIt\u2019s fine\u201d \u2014 wait\u2026\u00a0ok");
        Assert.Equal("\"It's fine\" - wait... ok", normalized);
        Assert.True(GsmAlphabet.IsGsm7(normalized));
    }

    [Fact]
    public void Non_gsm_characters_are_listed_once_each()
    {
        Assert.Equal(['\u2019', '\u2014'], GsmAlphabet.NonGsmCharacters("a\u2019b\u2019c\u2014"));
    }
}
