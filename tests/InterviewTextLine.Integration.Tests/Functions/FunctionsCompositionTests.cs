using System.Net;
using System.Xml.Linq;
using InterviewTextLine.Functions;
using InterviewTextLine.Core.Configuration;
using InterviewTextLine.Hosting;
using InterviewTextLine.Hosting.Webhook;
using InterviewTextLine.Integration.Tests.Webhook;
using InterviewTextLine.TestKit.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Integration.Tests.Functions;

/// <summary>
/// The Functions app's composition (<see cref="TextLineHostServiceCollectionExtensions.AddTextLineHost"/> on a
/// generic host, as the worker builds it) and its functions as thin edges over the shared handlers.
/// </summary>
public sealed class FunctionsCompositionTests
{
    private const string PublicBaseUrl = "https://func-textline.azurewebsites.net";

    [Fact]
    public async Task The_app_does_not_start_without_a_twilio_auth_token_and_says_which_setting_is_missing()
    {
        using var host = BuildHost(new Dictionary<string, string?>(LocalDefaults.Values) { ["Twilio:WebhookBaseUrl"] = PublicBaseUrl });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Twilio__AuthToken", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_does_not_start_without_a_webhook_base_url()
    {
        using var host = BuildHost(new Dictionary<string, string?>(LocalDefaults.Values) { ["Twilio:AuthToken"] = "12345" });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Twilio__WebhookBaseUrl", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_app_service_the_app_does_not_fall_back_to_the_in_memory_store()
    {
        using var host = BuildHost(new Dictionary<string, string?>(ValidSettings()) { ["WEBSITE_SITE_NAME"] = "func-textline" });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Storage:TableServiceUri", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sms_webhook_function_answers_a_request_signed_for_the_public_url_that_reached_the_worker_over_http()
    {
        using var host = BuildHost(ValidSettings());
        await using var scope = host.Services.CreateAsyncScope();
        var function = new SmsWebhook(scope.ServiceProvider.GetRequiredService<SmsWebhookHandler>());
        var sms = InboundSms.Text("hi");
        var context = WorkerRequest(scope.ServiceProvider, "/api/sms", sms.Fields, TwilioTestSigner.Sign("12345", PublicBaseUrl + "/api/sms", sms.Fields));

        var result = await function.RunAsync(context.Request, TestContext.Current.CancellationToken);
        await result.ExecuteAsync(context);

        Assert.Equal((int)HttpStatusCode.OK, context.Response.StatusCode);
        Assert.StartsWith("text/xml", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Single(ReadTwiml(context).Elements("Message"));
    }

    [Fact]
    public async Task The_fallback_function_answers_with_the_apology()
    {
        using var host = BuildHost(ValidSettings());
        await using var scope = host.Services.CreateAsyncScope();
        var function = new SmsFallback(scope.ServiceProvider.GetRequiredService<SmsFallbackHandler>());
        var sms = InboundSms.Text("hi");
        var context = WorkerRequest(scope.ServiceProvider, "/api/sms/fallback", sms.Fields, TwilioTestSigner.Sign("12345", PublicBaseUrl + "/api/sms/fallback", sms.Fields));

        var result = await function.RunAsync(context.Request, TestContext.Current.CancellationToken);
        await result.ExecuteAsync(context);

        Assert.Contains("Sorry", (string?)ReadTwiml(context).Element("Message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sms_webhook_function_rejects_a_request_signed_for_the_url_the_worker_saw()
    {
        using var host = BuildHost(ValidSettings());
        await using var scope = host.Services.CreateAsyncScope();
        var function = new SmsWebhook(scope.ServiceProvider.GetRequiredService<SmsWebhookHandler>());
        var sms = InboundSms.Text("hi");
        var context = WorkerRequest(scope.ServiceProvider, "/api/sms", sms.Fields, TwilioTestSigner.Sign("12345", "http://localhost:7071/api/sms", sms.Fields));

        var result = await function.RunAsync(context.Request, TestContext.Current.CancellationToken);
        await result.ExecuteAsync(context);

        Assert.Equal((int)HttpStatusCode.Forbidden, context.Response.StatusCode);
    }

    [Theory]
    [InlineData(LocalDefaults.DevelopmentOnlyPhoneHashKey, "development key")]
    [InlineData(PhoneHashKeyValidator.SamplePlaceholder, "placeholder")]
    [InlineData("kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk", "different characters")]
    [InlineData("Tr0ub4dor&3Tr0ub4dor&3Tr0ub4dor&3Tr0ub4dor&3", "repeats")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCD", "consecutive")]
    public async Task In_azure_the_app_does_not_start_with_a_known_or_guessable_phone_hash_key(string key, string reason)
    {
        using var host = BuildHost(new Dictionary<string, string?>(ValidSettings())
        {
            ["WEBSITE_SITE_NAME"] = "func-textline",
            ["Storage:TableServiceUri"] = "https://stabc.table.core.windows.net",
            ["Privacy:PhoneHashKey"] = key,
        });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Privacy__PhoneHashKey", failure.Message, StringComparison.Ordinal);
        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pJ3nV+8qK1zR6wT0yX5mB9cL2dF7hG4sA1eU3iO8rW6tY0vN5bQ2kZ7jM9xC4lH1")]
    [InlineData("9f86d081884c7d659a2feaa0c55ad015")]
    public void A_random_key_is_fit_for_azure(string key)
    {
        Assert.Null(PhoneHashKeyValidator.Problem(key));
    }

    [Fact]
    public async Task Locally_the_development_key_is_accepted()
    {
        using var host = BuildHost(ValidSettings());
        await host.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal(LocalDefaults.DevelopmentOnlyPhoneHashKey, host.Services.GetRequiredService<IOptions<PrivacyOptions>>().Value.PhoneHashKey);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_functions_answer_a_signed_text_with_a_nul_with_a_200_and_a_reply()
    {
        using var host = BuildHost(ValidSettings());
        await using var scope = host.Services.CreateAsyncScope();
        var sms = InboundSms.Text("he\0llo");
        var webhook = WorkerRequest(scope.ServiceProvider, "/api/sms", sms.Fields, TwilioTestSigner.Sign("12345", PublicBaseUrl + "/api/sms", sms.Fields));
        var fallback = WorkerRequest(scope.ServiceProvider, "/api/sms/fallback", sms.Fields, TwilioTestSigner.Sign("12345", PublicBaseUrl + "/api/sms/fallback", sms.Fields));

        await (await new SmsWebhook(scope.ServiceProvider.GetRequiredService<SmsWebhookHandler>()).RunAsync(webhook.Request, TestContext.Current.CancellationToken)).ExecuteAsync(webhook);
        await (await new SmsFallback(scope.ServiceProvider.GetRequiredService<SmsFallbackHandler>()).RunAsync(fallback.Request, TestContext.Current.CancellationToken)).ExecuteAsync(fallback);

        Assert.Equal((200, 200), (webhook.Response.StatusCode, fallback.Response.StatusCode));
        Assert.StartsWith("Sorry, I didn't catch that.", (string?)ReadTwiml(webhook).Element("Message"), StringComparison.Ordinal);
        Assert.Contains("Sorry", (string?)ReadTwiml(fallback).Element("Message"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/sms", true)]
    [InlineData("/api/sms", false)]
    [InlineData("/api/sms/fallback", true)]
    [InlineData("/api/sms/fallback", false)]
    public async Task The_functions_answer_an_unsigned_megabyte_with_a_413(string path, bool withLength)
    {
        using var host = BuildHost(ValidSettings());
        await using var scope = host.Services.CreateAsyncScope();
        var context = WorkerRequest(scope.ServiceProvider, path, new Dictionary<string, string> { ["Body"] = new string('x', 1024 * 1024) }, signature: null);
        context.Request.ContentLength = withLength ? context.Request.Body.Length : null;

        var result = path == "/api/sms"
            ? await new SmsWebhook(scope.ServiceProvider.GetRequiredService<SmsWebhookHandler>()).RunAsync(context.Request, TestContext.Current.CancellationToken)
            : await new SmsFallback(scope.ServiceProvider.GetRequiredService<SmsFallbackHandler>()).RunAsync(context.Request, TestContext.Current.CancellationToken);
        await result.ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, context.Response.StatusCode);
        Assert.True(context.Request.Body.Position <= TwilioWebhookRequest.MaxBodyBytes + 1, $"Read {context.Request.Body.Position} bytes.");
    }

    [Fact]
    public async Task The_fallback_function_stays_silent_for_stop_with_punctuation()
    {
        using var host = BuildHost(ValidSettings());
        await using var scope = host.Services.CreateAsyncScope();
        var sms = InboundSms.Text("Stop!");
        var context = WorkerRequest(scope.ServiceProvider, "/api/sms/fallback", sms.Fields, TwilioTestSigner.Sign("12345", PublicBaseUrl + "/api/sms/fallback", sms.Fields));

        await (await new SmsFallback(scope.ServiceProvider.GetRequiredService<SmsFallbackHandler>()).RunAsync(context.Request, TestContext.Current.CancellationToken)).ExecuteAsync(context);

        Assert.Empty(ReadTwiml(context).Elements());
    }

    private static Dictionary<string, string?> ValidSettings() => new(LocalDefaults.Values)
    {
        ["Twilio:AuthToken"] = "12345",
        ["Twilio:WebhookBaseUrl"] = PublicBaseUrl,
    };

    private static IHost BuildHost(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddTextLineHost(builder.Configuration);
        return builder.Build();
    }

    /// <summary>A request as the worker sees it behind the Functions host: plain HTTP on an internal address.</summary>
    private static DefaultHttpContext WorkerRequest(IServiceProvider services, string path, IReadOnlyDictionary<string, string> fields, string? signature)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost", 7071);
        context.Request.Path = path;
        if (signature is not null)
        {
            context.Request.Headers[TwilioSignatureValidator.SignatureHeader] = signature;
        }

        var body = new FormUrlEncodedContent(fields).ReadAsStream(TestContext.Current.CancellationToken);
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Body = body;
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static XElement ReadTwiml(DefaultHttpContext context)
    {
        context.Response.Body.Position = 0;
        return XDocument.Load(context.Response.Body).Root!;
    }
}
