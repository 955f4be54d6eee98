using InterviewTextLine.Hosting.Webhook;

namespace InterviewTextLine.Hosting.Tests.Webhook;

/// <summary>How the webhook reads a URL-encoded body: limits on what the fields hold, names kept exactly as sent.</summary>
public sealed class FormLimitsTests
{
    [Fact]
    public void A_form_of_as_many_fields_as_allowed_is_read_and_one_more_is_refused()
    {
        var fields = Enumerable.Range(0, TwilioWebhookRequest.MaxFields).Select(i => $"F{i}=x").ToList();

        Assert.Equal(TwilioWebhookRequest.MaxFields, TwilioWebhookRequest.ParseForm(string.Join('&', fields))?.Count);
        Assert.Null(TwilioWebhookRequest.ParseForm(string.Join('&', fields.Append("One=more"))));
    }

    [Fact]
    public void Lengths_count_the_characters_a_field_holds_not_its_escapes()
    {
        var euros = Uri.EscapeDataString(new string('€', TwilioWebhookRequest.MaxKeyLength));

        Assert.NotNull(TwilioWebhookRequest.ParseForm(euros + "=" + Uri.EscapeDataString(new string('€', 1_000))));
        Assert.Null(TwilioWebhookRequest.ParseForm(euros + "%E2%82%AC=x"));
        Assert.NotNull(TwilioWebhookRequest.ParseForm("Body=" + new string('a', TwilioWebhookRequest.MaxValueLength)));
        Assert.Null(TwilioWebhookRequest.ParseForm("Body=" + new string('a', TwilioWebhookRequest.MaxValueLength + 1)));
    }

    [Fact]
    public void A_nul_is_read_as_a_nul_and_repeated_or_differently_cased_names_stay_apart()
    {
        var form = TwilioWebhookRequest.ParseForm("Body=he%00llo&MediaUrl=b&MediaUrl=a&body=other+text")!;

        Assert.Equal("he\0llo", form["Body"].ToString());
        Assert.Equal((2, "b,a"), (form["MediaUrl"].Count, form["MediaUrl"].ToString()));
        Assert.Equal("other text", form["body"].ToString());
    }
}
