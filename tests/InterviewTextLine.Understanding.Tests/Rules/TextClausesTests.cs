using InterviewTextLine.Core.Flow;
using InterviewTextLine.Understanding.Rules;

namespace InterviewTextLine.Understanding.Tests.Rules;

/// <summary>How a folded text is cut into clauses, at sentence marks, commas, dashes and the script's connectives.</summary>
public sealed class TextClausesTests
{
    private static readonly TextClauses English = new(FlowLoader.LoadEmbedded("en").Connectives);

    private static readonly TextClauses Spanish = new(FlowLoader.LoadEmbedded("es").Connectives);

    [Theory]
    [InlineData("the pay is way too low. he keeps talking down to me", "the pay is way too low|he keeps talking down to me")]
    [InlineData("he mocked my degree but the salary is way below the ad", "he mocked my degree|the salary is way below the ad")]
    [InlineData("drove an hour here - then they said its unpaid at first", "drove an hour here|then they said its unpaid at first")]
    [InlineData("ok so, the pay is low, he keeps yelling at me", "the pay is low|he keeps yelling at me")]
    public void English_texts_are_cut_at_marks_commas_dashes_and_connectives(string folded, string expected)
    {
        Assert.Equal(expected.Split('|'), English.Of(folded));
    }

    [Fact]
    public void Spanish_texts_are_cut_at_the_spanish_connectives_only()
    {
        Assert.Equal(["se burla de mi experiencia", "la paga es una miseria total"], Spanish.Of("se burla de mi experiencia encima la paga es una miseria total"));
        Assert.Empty(Spanish.Of("he mocked my degree but the salary is low"));
    }

    [Theory]
    [InlineData("the pay is way too low for this job")]
    [InlineData("help, now")]
    [InlineData("")]
    public void A_text_of_one_clause_has_none(string folded)
    {
        Assert.Empty(English.Of(folded));
    }

    [Fact]
    public void A_long_story_is_read_in_its_first_clauses_only()
    {
        var story = string.Join(", ", Enumerable.Range(1, 10).Select(n => $"then thing number {n} happened"));

        Assert.Equal(TextClauses.MaxClauses, English.Of(story).Count);
    }
}
