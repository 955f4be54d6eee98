using InterviewTextLine.Hosting.Webhook;

namespace InterviewTextLine.Hosting.Tests.Webhook;

/// <summary>How the webhook reads a URL-encoded body: limits on what the fields hold, names kept exactly as sent.</summary>
public sealed class FormLimitsTests
{
    private static readonly TwilioOptions Limits = new();

    [Fact]
    public void A_form_of_as_many_fields_as_allowed_is_read_and_one_more_is_refused()
    {
        var fields = Enumerable.Range(0, TwilioOptions.DefaultMaxFields).Select(i => $"F{i}=x").ToList();

        Assert.Equal(TwilioOptions.DefaultMaxFields, TwilioFormReader.Parse(string.Join('&', fields), Limits)?.Count);
        Assert.Null(TwilioFormReader.Parse(string.Join('&', fields.Append("One=more")), Limits));
    }

    [Fact]
    public void Lengths_count_the_characters_a_field_holds_not_its_escapes()
    {
        var euros = Uri.EscapeDataString(new string('€', TwilioOptions.DefaultMaxFieldNameLength));

        Assert.NotNull(TwilioFormReader.Parse(euros + "=" + Uri.EscapeDataString(new string('€', 1_000)), Limits));
        Assert.Null(TwilioFormReader.Parse(euros + "%E2%82%AC=x", Limits));
        Assert.NotNull(TwilioFormReader.Parse("Body=" + new string('a', TwilioOptions.DefaultMaxFieldValueLength), Limits));
        Assert.Null(TwilioFormReader.Parse("Body=" + new string('a', TwilioOptions.DefaultMaxFieldValueLength + 1), Limits));
    }

    [Fact]
    public void A_nul_is_read_as_a_nul_and_repeated_or_differently_cased_names_stay_apart()
    {
        var form = TwilioFormReader.Parse("Body=he%00llo&MediaUrl=b&MediaUrl=a&body=other+text", Limits)!;

        Assert.Equal("he\0llo", form["Body"].ToString());
        Assert.Equal((2, "b,a"), (form["MediaUrl"].Count, form["MediaUrl"].ToString()));
        Assert.Equal("other text", form["body"].ToString());
    }
}
