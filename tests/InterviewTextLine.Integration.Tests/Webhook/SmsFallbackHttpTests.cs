using System.Net;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Sms;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.Cli.Serve;
using InterviewTextLine.Hosting.Webhook;
using Microsoft.Extensions.DependencyInjection;

namespace InterviewTextLine.Integration.Tests.Webhook;

/// <summary><c>POST /api/sms/fallback</c>: what the texter hears when the main webhook has failed.</summary>
public sealed class SmsFallbackHttpTests
{
    private const string Route = ServeHost.FallbackRoute;

    [Fact]
    public async Task A_signed_text_gets_the_apology_with_the_help_contact_even_with_storage_and_the_line_down()
    {
        await using var host = await WebhookTestHost.StartAsync(
            options => options.Settings["Program:HelpContact"] = "careers@example.edu",
            services =>
            {
                services.AddSingleton<IConversationStore>(Untouchable<IConversationStore>.Create());
                services.AddSingleton<ITextLineService>(Untouchable<ITextLineService>.Create());
            });

        using var response = await host.PostSignedAsync(Route, InboundSms.Text("my interview is going badly").Fields);

        var apology = Assert.Single(await Twiml.MessagesAsync(response));
        Assert.Contains("careers@example.edu", apology, StringComparison.Ordinal);
        Assert.Contains("Sorry", apology, StringComparison.Ordinal);
        Assert.StartsWith("Unsafe? Call 911.", apology, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_safety_line_names_the_configured_emergency_number_and_the_reply_is_one_segment()
    {
        await using var host = await WebhookTestHost.StartAsync(options =>
        {
            options.Settings["Program:EmergencyNumber"] = "112";
            options.Settings["Program:HelpContact"] = "careers@example.edu";
        });

        using var response = await host.PostSignedAsync(Route, InboundSms.Text("he has a gun").Fields);

        var apology = Assert.Single(await Twiml.MessagesAsync(response));
        Assert.StartsWith("Unsafe? Call 112.", apology, StringComparison.Ordinal);
        Assert.DoesNotContain("911", apology, StringComparison.Ordinal);
        Assert.Equal((SmsEncoding.Gsm7, 1), (SmsSegments.Of(apology).Encoding, SmsSegments.Of(apology).Count));
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData(" unsubscribe ")]
    public async Task An_opt_out_word_gets_no_reply(string body)
    {
        await using var host = await WebhookTestHost.StartAsync();

        using var response = await host.PostSignedAsync(Route, InboundSms.Text(body).Fields);

        Assert.Empty(await Twiml.MessagesAsync(response));
    }

    [Fact]
    public async Task A_forged_request_gets_403()
    {
        await using var host = await WebhookTestHost.StartAsync();

        using var response = await host.PostAsync(Route, InboundSms.Text("hi").Fields, "forged");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_request_signed_for_the_main_webhook_url_is_not_accepted_by_the_fallback()
    {
        await using var host = await WebhookTestHost.StartAsync();

        using var response = await host.PostSignedAsync(Route, InboundSms.Text("hi").Fields, signedUrl: host.SignedBaseUrl + ServeHost.WebhookRoute);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public void The_apology_is_one_gsm7_segment_with_the_longest_help_contact_and_emergency_number_allowed()
    {
        var apology = SmsFallbackHandler.Apology(new string('x', Core.Configuration.ProgramOptions.MaxHelpContactLength), "123456");

        Assert.Contains("Unsafe? Call 123456.", apology, StringComparison.Ordinal);

        var segments = SmsSegments.Of(apology);

        Assert.Equal(SmsEncoding.Gsm7, segments.Encoding);
        Assert.Equal(1, segments.Count);
    }
}
