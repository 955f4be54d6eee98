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
    private static DefaultHttpContext WorkerRequest(IServiceProvider services, string path, IReadOnlyDictionary<string, string> fields, string signature)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost", 7071);
        context.Request.Path = path;
        context.Request.Headers[TwilioSignatureValidator.SignatureHeader] = signature;
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
