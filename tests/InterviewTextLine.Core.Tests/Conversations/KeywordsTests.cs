using InterviewTextLine.Core.Conversations;
using InterviewTextLine.TestKit.Builders;

namespace InterviewTextLine.Core.Tests.Conversations;

/// <summary>The global keywords on their own: which single words they are, in both languages, and which typos they forgive.</summary>
public sealed class KeywordsTests
{
    [Theory]
    [InlineData("STOP", Keyword.OptOut)]
    [InlineData("STOPALL", Keyword.OptOut)]
    [InlineData("UNSUBSCRIBE", Keyword.OptOut)]
    [InlineData("PARAR", Keyword.OptOut)]
    [InlineData("BAJA", Keyword.OptOut)]
    [InlineData("START", Keyword.OptIn)]
    [InlineData("COMENZAR", Keyword.OptIn)]
    [InlineData("HELP", Keyword.Help)]
    [InlineData("INFO", Keyword.Help)]
    [InlineData("AYUDA", Keyword.Help)]
    [InlineData("RESET", Keyword.Menu)]
    [InlineData("EMAIL", Keyword.Email)]
    [InlineData("NOCORREO", Keyword.NoEmail)]
    [InlineData("DELETE", Keyword.Forget)]
    [InlineData("PALABRAS", Keyword.Words)]
    [InlineData("PORQUE", Keyword.Why)]
    [InlineData("FIN", Keyword.Done)]
    // ESPANOL and ENGLISH are not here: each language's switch words are its script's (ScriptWords.Switch).
    [InlineData("ESPANOL", Keyword.None)]
    [InlineData("TALK", Keyword.Talk)]
    [InlineData("CONSEJERA", Keyword.Talk)]
    [InlineData("ERROR", Keyword.Wrong)]
    [InlineData("YES", Keyword.None)]
    [InlineData("HELLO", Keyword.None)]
    [InlineData("stop", Keyword.None)]
    [InlineData(null, Keyword.None)]
    public void Each_keyword_is_an_exact_upper_case_word_in_either_language(string? word, Keyword keyword) =>
        Assert.Equal(keyword, TestKeywords.BuiltIn.Classify(word, optedOut: false));

    [Fact]
    public void Yes_opts_back_in_only_while_opted_out()
    {
        Assert.Equal(Keyword.OptIn, TestKeywords.BuiltIn.Classify(CarrierKeywords.OptInWhileOptedOut, optedOut: true));
        Assert.Equal(Keyword.None, TestKeywords.BuiltIn.Classify(CarrierKeywords.OptInWhileOptedOut, optedOut: false));
    }

    [Theory]
    [InlineData("HEPL", Keyword.Help)]
    [InlineData("MNEU", Keyword.Menu)]
    [InlineData("WROD", Keyword.None)]
    [InlineData("WRODS", Keyword.Words)]
    [InlineData("DOEN", Keyword.Done)]
    [InlineData("AYUDS", Keyword.Help)]
    public void The_lines_own_commands_forgive_a_typo_when_asked_to(string word, Keyword keyword)
    {
        Assert.Equal(keyword, TestKeywords.BuiltIn.Classify(word, optedOut: false, forgiveTypos: true));
        Assert.Equal(Keyword.None, TestKeywords.BuiltIn.Classify(word, optedOut: false));
    }

    /// <summary>A wrong guess at these would cost data or consent, not one extra text, so they must be typed exactly.</summary>
    [Theory]
    [InlineData("STPO")]
    [InlineData("STRAT")]
    [InlineData("EMIAL")]
    [InlineData("FORGTE")]
    [InlineData("NOEMALI")]
    public void Opting_out_or_in_email_and_forget_never_forgive_a_typo(string word) =>
        Assert.Equal(Keyword.None, TestKeywords.BuiltIn.Classify(word, optedOut: false, forgiveTypos: true));

    [Theory]
    [InlineData("help me", true)]
    [InlineData("pls help", true)]
    [InlineData("i need help now", true)]
    [InlineData("ayúdame por favor", true)]
    [InlineData("socorro", true)]
    [InlineData("help me with the pay", false)]
    [InlineData("please please please i need help now", false)]
    [InlineData("me", false)]
    [InlineData("", false)]
    public void A_plea_for_help_is_a_help_word_with_nothing_but_small_words_around_it(string text, bool plea) =>
        Assert.Equal(plea, TestKeywords.BuiltIn.IsPleaForHelp(TextMatcher.Words(text)));

    [Theory]
    [InlineData("hi", true)]
    [InlineData("Hiii!", true)]
    [InlineData("hellooo?", true)]
    [InlineData("hey u there", true)]
    [InlineData("good morning", true)]
    [InlineData("buenas tardes", true)]
    [InlineData("holaaa q tal", true)]
    [InlineData("hi i need help", false)]
    [InlineData("hello, the pay is way too low", false)]
    [InlineData("hola ayuda", false)]
    [InlineData("hi hi hi hi hi", false)]
    [InlineData("", false)]
    public void A_greeting_is_a_text_of_greeting_words_alone_in_any_language(string text, bool greeting) =>
        Assert.Equal(greeting, TestKeywords.BuiltIn.IsGreeting(TextMatcher.Words(text)));

    [Theory]
    [InlineData("help me please", Keyword.Help)]
    [InlineData("can someone call me", Keyword.Talk)]
    [InlineData("quiero hablar con alguien", Keyword.Talk)]
    [InlineData("the pay is too low", Keyword.None)]
    public void A_whole_text_of_several_words_can_plead_for_help_or_ask_for_a_person(string text, Keyword keyword) =>
        Assert.Equal(keyword, TestKeywords.BuiltIn.Plea(TextMatcher.Words(text)));

    [Theory]
    [InlineData("STOP", true)]
    [InlineData("stop.", true)]
    [InlineData("Stop!", true)]
    [InlineData(" parar ", true)]
    [InlineData("please stop", false)]
    [InlineData("stopping", false)]
    [InlineData(null, false)]
    public void Every_url_of_the_line_reads_an_opt_out_the_same_way(string? text, bool optOut) =>
        Assert.Equal(optOut, TestKeywords.BuiltIn.IsOptOut(text));

    [Theory]
    [InlineData("why", true)]
    [InlineData("talk", true)]
    [InlineData("help me", false)]
    [InlineData("hello", false)]
    public void A_phrase_is_global_only_as_one_keyword(string phrase, bool global) =>
        Assert.Equal(global, TestKeywords.BuiltIn.IsGlobal(phrase));
}
