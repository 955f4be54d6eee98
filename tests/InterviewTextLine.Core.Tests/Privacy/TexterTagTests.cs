using InterviewTextLine.Core.Privacy;
using InterviewTextLine.Core.Storage;

namespace InterviewTextLine.Core.Tests.Privacy;

/// <summary>How logs name a texter: the same through one UTC day, another the next, never part of their key.</summary>
public sealed class TexterTagTests
{
    private static readonly TexterId Ann = new(new string('a', 32) + new string('0', 32));
    private static readonly TexterId Ben = new(new string('b', 32) + new string('0', 32));
    private static readonly DateTimeOffset Morning = new(2026, 3, 2, 0, 0, 1, TimeSpan.Zero);

    [Fact]
    public void A_texter_keeps_one_tag_through_a_utc_day()
    {
        var tags = new[] { Morning, Morning.AddHours(12), Morning.AddHours(23).AddMinutes(59), new DateTimeOffset(2026, 3, 1, 20, 0, 0, TimeSpan.FromHours(-5)) }
            .Select(at => TexterTag.For(Ann, at).ToString())
            .Distinct()
            .ToList();

        Assert.Single(tags);
    }

    [Fact]
    public void The_tag_changes_at_midnight_and_differs_between_texters()
    {
        var today = TexterTag.For(Ann, Morning);
        var tomorrow = TexterTag.For(Ann, Morning.AddDays(1));
        var yesterday = TexterTag.For(Ann, Morning.AddSeconds(-2));

        Assert.Equal(3, new[] { today, tomorrow, yesterday }.Distinct().Count());
        Assert.NotEqual(today, TexterTag.For(Ben, Morning));
    }

    [Fact]
    public void The_tag_is_twelve_hex_digits_and_no_part_of_the_texter_key()
    {
        var tag = TexterTag.For(Ann, Morning).ToString();

        Assert.Matches("^[0-9a-f]{12}$", tag);
        Assert.DoesNotContain(tag, Ann.Value, StringComparison.Ordinal);
    }
}
