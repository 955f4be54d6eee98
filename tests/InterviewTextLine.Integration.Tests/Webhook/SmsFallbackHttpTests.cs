using System.Net;
using System.Text.Json.Nodes;
using InterviewTextLine.Core.Conversations;
using InterviewTextLine.Core.Flow;
using InterviewTextLine.Core.Languages;
using InterviewTextLine.Core.Sms;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.Cli.Serve;
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
    public async Task With_the_longest_help_contact_and_emergency_number_allowed_the_apology_is_one_gsm7_segment_that_leads_with_the_number()
    {
        var contact = new string('x', Core.Configuration.ProgramOptions.MaxHelpContactLength);
        await using var host = await WebhookTestHost.StartAsync(options =>
        {
            options.Settings["Program:EmergencyNumber"] = "123456";
            options.Settings["Program:HelpContact"] = contact;
        });

        using var response = await host.PostSignedAsync(Route, InboundSms.Text("hi").Fields);

        var apology = Assert.Single(await Twiml.MessagesAsync(response));
        Assert.StartsWith("Unsafe? Call 123456.", apology, StringComparison.Ordinal);
        Assert.EndsWith(contact, apology, StringComparison.Ordinal);
        Assert.Equal((SmsEncoding.Gsm7, 1), (SmsSegments.Of(apology).Encoding, SmsSegments.Of(apology).Count));
    }

    [Fact]
    public async Task The_apology_is_the_default_script_s_so_an_edited_script_s_apology_is_served()
    {
        var folder = Directory.CreateTempSubdirectory("textline-fallback-");
        try
        {
            var path = Path.Combine(folder.FullName, "script.json");
            var script = JsonNode.Parse(FlowLoader.ReadEmbeddedJson("en"))!;
            script["messages"]![MessageKeys.Fallback] = "Unsafe? Call {EmergencyNumber}. The line is down for a moment; text us again soon. Questions: {HelpContact}";
            await File.WriteAllTextAsync(path, script.ToJsonString(), TestContext.Current.CancellationToken);
            await using var host = await WebhookTestHost.StartAsync(options =>
            {
                options.Settings["Flow:Scripts:en"] = path;
                options.Settings["Program:HelpContact"] = "careers@example.edu";
            });

            using var response = await host.PostSignedAsync(Route, InboundSms.Text("hola, tengo un problema").Fields);

            Assert.Equal("Unsafe? Call 911. The line is down for a moment; text us again soon. Questions: careers@example.edu", Assert.Single(await Twiml.MessagesAsync(response)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_published_version_s_apology_replaces_the_one_the_fallback_started_with()
    {
        await using var host = await WebhookTestHost.StartAsync(options => options.Settings["Program:HelpContact"] = "careers@example.edu");
        var english = JsonNode.Parse(FlowLoader.ReadEmbeddedJson("en"))!;
        english["messages"]![MessageKeys.Fallback] = "Unsafe? Call {EmergencyNumber}. We'll be back shortly. Help: {HelpContact}";
        var version = new Dictionary<string, string>(ScriptSet.Embedded(BuiltInLanguages.All), StringComparer.Ordinal) { ["en"] = english.ToJsonString() };

        Assert.Empty(host.App.Services.GetRequiredService<ScriptSwitcher>().TrySwitch("2", version));
        using var response = await host.PostSignedAsync(Route, InboundSms.Text("hi").Fields);

        Assert.Equal("Unsafe? Call 911. We'll be back shortly. Help: careers@example.edu", Assert.Single(await Twiml.MessagesAsync(response)));
    }
}
