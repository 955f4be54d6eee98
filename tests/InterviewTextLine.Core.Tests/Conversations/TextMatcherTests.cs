using InterviewTextLine.Core.Conversations;

namespace InterviewTextLine.Core.Tests.Conversations;

/// <summary>The text toolkit on its own: words as a texter in a hurry types them, typos, and menu numbers.</summary>
public sealed class TextMatcherTests
{
    [Theory]
    [InlineData("Don't   STOP!!", new[] { "dont", "stop" })]
    [InlineData("don\u2019t go", new[] { "dont", "go" })]
    [InlineData("Menú", new[] { "menu" })]
    [InlineData("ok \U0001F44D thanks", new[] { "ok", "thanks" })]
    [InlineData("option #2.", new[] { "option", "2" })]
    [InlineData("'quoted' words", new[] { "quoted", "words" })]
    [InlineData("he-said/she-said", new[] { "he", "said", "she", "said" })]
    [InlineData("  \t\n ", new string[0])]
    public void Words_are_lower_case_without_accents_or_apostrophes_split_by_everything_else(string text, string[] words) =>
        Assert.Equal(words, TextMatcher.Words(text));

    [Fact]
    public void No_text_has_no_words()
    {
        Assert.Empty(TextMatcher.Words(null));
        Assert.Empty(TextMatcher.Words(""));
        Assert.Equal("", TextMatcher.Normalize(null));
    }

    [Fact]
    public void Normalize_joins_the_words_with_single_spaces() =>
        Assert.Equal("i dont know what to say", TextMatcher.Normalize("  I DON'T know... what to say?! "));

    [Theory]
    [InlineData("ESPAÑOL", "ESPANOL")]
    [InlineData("salí", "sali")]
    [InlineData("Ça déjà vu", "Ca deja vu")]
    [InlineData("ÁÉÍÓÚÜÑ", "AEIOUUN")]
    public void Fold_takes_the_marks_off_the_letters_of_the_lines_languages(string text, string folded) =>
        Assert.Equal(folded, TextMatcher.Fold(text));

    [Fact]
    public void Fold_leaves_plain_text_and_letters_it_has_no_plain_form_for_as_they_are()
    {
        const string plain = "plain ascii, 123!";

        Assert.Same(plain, TextMatcher.Fold(plain));
        Assert.Equal("straße", TextMatcher.Fold("straße"));
    }

    [Theory]
    [InlineData("Stop!", "STOP")]
    [InlineData(" help ", "HELP")]
    [InlineData("¿menú?", "MENU")]
    [InlineData("st0p-it", null)]
    [InlineData("two words", null)]
    [InlineData("!!!", null)]
    [InlineData(null, null)]
    public void A_single_word_is_the_whole_text_as_one_upper_case_keyword(string? text, string? keyword) =>
        Assert.Equal(keyword, TextMatcher.SingleWord(text));

    [Theory]
    [InlineData("words", "word", true)]
    [InlineData("word", "words", true)]
    [InlineData("wards", "words", true)]
    [InlineData("wrods", "words", true)]
    [InlineData("ab", "ba", true)]
    [InlineData("words", "words", false)]
    [InlineData("sword", "words", false)]
    [InlineData("wrdso", "words", false)]
    [InlineData("abc", "abcde", false)]
    public void One_edit_is_an_insertion_a_deletion_a_substitution_or_a_swap_of_neighbours(string a, string b, bool oneAway)
    {
        Assert.Equal(oneAway, TextMatcher.IsOneEditAway(a, b));
        Assert.Equal(oneAway, TextMatcher.IsOneEditAway(b, a));
    }

    [Theory]
    [InlineData("pay", "pay", true)]
    [InlineData("hepl", "help", true)]
    [InlineData("helpp", "help", true)]
    [InlineData("pya", "pay", false)]
    [InlineData("hel", "help", false)]
    [InlineData("hlep", "help", true)]
    [InlineData("halo", "help", false)]
    public void A_typo_is_forgiven_only_between_words_long_enough_not_to_collide(string typed, string expected, bool close) =>
        Assert.Equal(close, TextMatcher.IsCloseTo(typed, expected));

    [Theory]
    [InlineData("en", "1", 1)]
    [InlineData("en", "#2", 2)]
    [InlineData("en", "3.", 3)]
    [InlineData("en", "four", 4)]
    [InlineData("es", "cinco", 5)]
    [InlineData("en", "option 6", 6)]
    [InlineData("es", "opción 2", 2)]
    [InlineData("en", "number one", 1)]
    [InlineData("en", "no 3", 3)]
    [InlineData("en", "12", 12)]
    [InlineData("en", "123", null)]
    [InlineData("en", "seven", null)]
    [InlineData("en", "option", null)]
    [InlineData("en", "1 2", null)]
    [InlineData("en", "option 1 please", null)]
    [InlineData("en", "", null)]
    public void A_menu_number_is_a_number_alone_or_after_option_in_digits_or_words_of_the_script_s_language(string language, string text, int? number) =>
        Assert.Equal(number, InterviewTextLine.Core.Flow.FlowLoader.LoadEmbedded(language).Words.Number(TextMatcher.Words(text)));
}
