using InterviewTextLine.Core.Understanding;

namespace InterviewTextLine.Core.Tests.Understanding;

/// <summary>
/// The spelling similarity: letter pieces of 2 to 5 within words, damped counts, smoothed IDF, cosine.
/// The expected values were computed independently with scikit-learn's TfidfVectorizer
/// (analyzer "char_wb", ngram_range (2, 5), sublinear_tf) over the same three examples.
/// </summary>
public sealed class CharacterGramsTests
{
    private static readonly CharacterGrams Examples = new(["he was so rude", "the pay is too low", "rude and loud manager"]);

    [Theory]
    [InlineData("hes so rdue", 0.603947, 0.101928, 0.039028)]
    [InlineData("the pay is too low", 0.083692, 1.0, 0.041454)]
    [InlineData("a", 0.0, 0.0, 0.130838)]
    public void Similarities_match_a_reference_tf_idf(string text, double first, double second, double third)
    {
        var similarities = Examples.Similarities(text);

        Assert.Equal([first, second, third], similarities.Select(s => Math.Round((double)s, 5)), (a, b) => Math.Abs(a - b) < 2e-5);
    }

    [Fact]
    public void A_text_sharing_no_piece_with_any_example_is_like_none()
    {
        Assert.All(Examples.Similarities("xyz"), similarity => Assert.Equal(0f, similarity));
        Assert.All(Examples.Similarities(""), similarity => Assert.Equal(0f, similarity));
    }

    [Theory]
    [InlineData("rdue", 0)]
    [InlineData("payy is to low", 1)]
    public void A_misspelt_text_is_still_closest_to_the_example_it_misspells(string text, int example)
    {
        var similarities = Examples.Similarities(text);

        Assert.Equal(example, Array.IndexOf(similarities, similarities.Max()));
        Assert.Equal(3, Examples.Count);
    }
}
