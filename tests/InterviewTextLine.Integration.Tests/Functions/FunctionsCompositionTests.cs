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
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        // A key of its own, as Azure requires (the development key is refused there too), so the store is the one problem.
        using var host = BuildHost(new Dictionary<string, string?>(ValidSettings())
        {
            ["WEBSITE_SITE_NAME"] = "func-textline",
            ["Privacy:PhoneHashKey"] = "q8Zr/3KmX0vT6wNp1YbJ+4cHs7LdF2gEa9uQ5iRoWxk=",
        });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Storage:TableServiceUri", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sms_webhook_function_answers_a_request_signed_for_the_public_url_that_reached_the_worker_over_http()
    {
        using var host = BuildHost(ValidSettings());
        await using var scope = host.Services.CreateAsyncScope();
        var function = new SmsWebhook(scope.ServiceProvider.GetRequiredService<TwilioWebhookGate>(), scope.ServiceProvider.GetRequiredService<SmsWebhookHandler>());
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
        var function = new SmsFallback(scope.ServiceProvider.GetRequiredService<TwilioWebhookGate>(), scope.ServiceProvider.GetRequiredService<SmsFallbackHandler>());
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
        var function = new SmsWebhook(scope.ServiceProvider.GetRequiredService<TwilioWebhookGate>(), scope.ServiceProvider.GetRequiredService<SmsWebhookHandler>());
        var sms = InboundSms.Text("hi");
        var context = WorkerRequest(scope.ServiceProvider, "/api/sms", sms.Fields, TwilioTestSigner.Sign("12345", "http://localhost:7071/api/sms", sms.Fields));

        var result = await function.RunAsync(context.Request, TestContext.Current.CancellationToken);
        await result.ExecuteAsync(context);

        Assert.Equal((int)HttpStatusCode.Forbidden, context.Response.StatusCode);
    }

    [Fact]
    public async Task The_app_does_not_start_with_a_webhook_body_limit_too_small_for_a_twilio_form()
    {
        using var host = BuildHost(new Dictionary<string, string?>(ValidSettings()) { ["Twilio:MaxBodyBytes"] = "1024" });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Twilio__MaxBodyBytes", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gate_holds_a_request_to_the_configured_field_limit_before_its_signature_is_checked()
    {
        using var host = BuildHost(new Dictionary<string, string?>(ValidSettings()) { ["Twilio:MaxFields"] = "50" });
        await using var scope = host.Services.CreateAsyncScope();
        var fields = InboundSms.Text("hi").Fields.Concat(Enumerable.Range(0, 50).Select(i => KeyValuePair.Create($"Extra{i}", "x"))).ToDictionary();
        var context = WorkerRequest(scope.ServiceProvider, "/api/sms", fields, signature: "not checked");

        var result = await new SmsWebhook(scope.ServiceProvider.GetRequiredService<TwilioWebhookGate>(), scope.ServiceProvider.GetRequiredService<SmsWebhookHandler>()).RunAsync(context.Request, TestContext.Current.CancellationToken);
        await result.ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        Assert.Contains("at most 50 fields", await new StreamReader(context.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_storage_or_script_container_settings_a_local_host_keeps_the_in_memory_store_and_builds_no_client_for_either()
    {
        var probe = new ConstructionProbe();
        using var host = BuildHost(ValidSettings(), services => probe
            .Watch<Azure.Data.Tables.TableServiceClient>(services)
            .Watch<Core.Flow.IScriptStore>(services)
            .Watch<Hosting.Scripts.ScriptWatcher>(services));
        await host.StartAsync(TestContext.Current.CancellationToken);

        Assert.IsType<Core.Storage.InMemoryConversationStore>(host.Services.GetRequiredService<Core.Storage.IConversationStore>());
        Assert.Same(host.Services.GetRequiredService<Core.Storage.IConversationStore>(), host.Services.GetRequiredService<Core.Storage.IHandoffOutbox>());
        Assert.Empty(probe.Built);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData(LocalDefaults.DevelopmentOnlyPhoneHashKey, "development key")]
    [InlineData(PhoneHashKeyValidator.SampleKey, "sample key")]
    public async Task In_azure_the_app_does_not_start_with_a_key_that_ships_with_the_app(string key, string reason)
    {
        var failure = await StartFailureAsync(key, inAzure: true);

        Assert.Contains("Privacy__PhoneHashKey", failure.Message, StringComparison.Ordinal);
        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, failure.Message, StringComparison.Ordinal);
    }

    /// <summary>The review's keys and the patterns people type instead of random bytes, refused everywhere.</summary>
    [Theory]
    [InlineData("<replace-with-at-least-32-random-characters>2", "not base64")]
    [InlineData("<replace-with-at-least-32-random-characters>", "placeholder")]
    [InlineData("Password123Password123Password123!", "not base64")]
    [InlineData("local-development-only-phone-hash-key-not-for-production", "not base64")]
    [InlineData("Password123Password123Password123Password10=", "different characters")]
    [InlineData("q8Zr/3KmX0vT6wNp1YbJq8Zr/3KmX0vT6wNp1YbJ+4o=", "twice")]
    [InlineData("9f86d081884c7d659a2feaa0c55ad015", "fewer than 32")]
    [InlineData("kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk=", "different characters")]
    [InlineData("Tr0ub4dorTr0ub4dorTr0ub4dorTr0ub4dorTr0ub4c=", "different characters")]
    [InlineData("q8Zr/3KmX0vT6wNp1YbJ+4cHs7LdF2gEa9uQ5iRoWxk=", null)]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFE=", "consecutive")]
    [InlineData("Mh3tQ7k/Zp1WchangemeX2vR8nB+4sYd0LfJ6gUa9eo=", "word")]
    [InlineData("Mh3tQ7k/Zp1WqX2vR8nB+4sYd0LfJ6gUa9eoK5 cTw=", "not base64")]
    public async Task The_app_does_not_start_with_a_phone_hash_key_that_is_not_32_random_bytes_in_base64(string key, string? reason)
    {
        foreach (var inAzure in new[] { false, true })
        {
            if (reason is null)
            {
                Assert.Null(PhoneHashKeyValidator.Problem(key, inAzure));
                continue;
            }

            var failure = await StartFailureAsync(key, inAzure);

            Assert.Contains("Privacy__PhoneHashKey", failure.Message, StringComparison.Ordinal);
            Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
            Assert.Contains("openssl rand -base64 32", failure.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(key, failure.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Keys as <c>openssl rand -base64 32</c> (and 48) makes them pass: 20,000 of them from a seeded generator, so
    /// the test is the same every run (a refusal rate of one in a million would show as a failure here about
    /// once in fifty runs were the keys fresh each time).
    /// </summary>
    [Fact]
    public void Keys_made_as_the_docs_say_are_accepted()
    {
        var random = new Random(19);
        string Key(int bytes)
        {
            var buffer = new byte[bytes];
            random.NextBytes(buffer);
            return Convert.ToBase64String(buffer);
        }

        var refused = Enumerable.Range(0, 20_000)
            .Select(i => Key(i % 4 == 0 ? 48 : 32))
            .Select(key => (Key: key, Problem: PhoneHashKeyValidator.Problem(key, inAzure: true)))
            .Where(found => found.Problem is not null)
            .Select(found => $"{found.Key}: {found.Problem}")
            .ToList();

        Assert.Empty(refused);
    }

    [Fact]
    public async Task Locally_the_development_key_is_accepted()
    {
        using var host = BuildHost(ValidSettings());
        await host.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal(LocalDefaults.DevelopmentOnlyPhoneHashKey, host.Services.GetRequiredService<IOptions<PrivacyOptions>>().Value.PhoneHashKey);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<OptionsValidationException> StartFailureAsync(string key, bool inAzure)
    {
        var settings = new Dictionary<string, string?>(ValidSettings()) { ["Privacy:PhoneHashKey"] = key };
        if (inAzure)
        {
            settings["WEBSITE_SITE_NAME"] = "func-textline";
            settings["Storage:TableServiceUri"] = "https://stabc.table.core.windows.net";
        }

        using var host = BuildHost(settings);
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// The Functions host (and serve, which registers the same way) builds and runs every language's understanding,
    /// then everything the webhook uses, before any hosted service starts: before the worker takes a request.
    /// </summary>
    [Fact]
    public void The_host_has_one_warm_up_which_runs_the_understanding_s_step_before_it_starts()
    {
        using var host = BuildHost(ValidSettings());

        var hosted = host.Services.GetServices<IHostedService>().ToList();
        var warmUp = Assert.Single(hosted.OfType<WebhookWarmUp>());
        Assert.DoesNotContain(hosted, service => service != warmUp && service.GetType().Name.EndsWith("WarmUp", StringComparison.Ordinal));
        Assert.Contains(host.Services.GetServices<Core.IWarmUp>(), step => step.GetType().Name == "UnderstandingWarmUp");
        Assert.IsAssignableFrom<IHostedLifecycleService>(warmUp);
    }

    [Fact]
    public async Task The_host_builds_the_line_in_every_language_before_it_takes_a_request()
    {
        var probe = new ConstructionProbe();
        using var host = BuildHost(ValidSettings(), services => probe
            .Watch<Core.Conversations.LineLanguages>(services)
            .Watch<Core.Conversations.ITextLineService>(services)
            .Watch<TwilioSignatureValidator>(services));
        Assert.Empty(probe.Built);

        await host.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["ITextLineService", "LineLanguages", "TwilioSignatureValidator"], probe.Built.Order(StringComparer.Ordinal));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// A start reads each language's script once, whether it is built in or an edited file: the startup validation of
    /// the flow options and the line share one read and one lint, and answering a text reads nothing more.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_start_reads_each_language_s_script_once(bool edited)
    {
        var settings = ValidSettings();
        var folder = Directory.CreateTempSubdirectory("textline-script-");
        if (edited)
        {
            settings["Flow:Scripts:en"] = Path.Combine(folder.FullName, "script.json");
            File.Copy(Path.Combine(RepositoryFiles.Root, "src", "InterviewTextLine.Core", "Flow", "script.json"), settings["Flow:Scripts:en"]!);
        }

        var reader = new CountingScriptReader();
        using var host = BuildHost(settings, services => services.Replace(ServiceDescriptor.Singleton<Core.Flow.IFlowScriptReader>(reader)));
        await host.StartAsync(TestContext.Current.CancellationToken);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var sms = InboundSms.Text("hola, el entrevistador es muy grosero");
            var context = WorkerRequest(scope.ServiceProvider, "/api/sms", sms.Fields, TwilioTestSigner.Sign("12345", PublicBaseUrl + "/api/sms", sms.Fields));
            await (await new SmsWebhook(scope.ServiceProvider.GetRequiredService<TwilioWebhookGate>(), scope.ServiceProvider.GetRequiredService<SmsWebhookHandler>()).RunAsync(context.Request, TestContext.Current.CancellationToken)).ExecuteAsync(context);
            Assert.Single(ReadTwiml(context).Elements("Message"));
        }

        Assert.Equal(["en:1", "es:1"], reader.Counts);
        await host.StopAsync(TestContext.Current.CancellationToken);
        folder.Delete(recursive: true);
    }

    /// <summary>
    /// The timers need the scripts (for the emails) and the store, never the understanding: a timer resolved on its own
    /// builds no model, no understander and no engine.
    /// </summary>
    [Fact]
    public void The_follow_up_handoff_and_retention_timers_are_built_without_any_understanding()
    {
        var probe = new ConstructionProbe();
        using var host = BuildHost(ValidSettings(), services => probe
            .Watch<Core.Understanding.ITextUnderstanding>(services)
            .Watch<Understanding.TextUnderstanding>(services)
            .Watch<Core.Flow.EngineFactory>(services)
            .Watch<Core.Conversations.LineLanguages>(services)
            .Watch<Core.Conversations.ConversationEngine>(services)
            .Watch<Core.Flow.FlowScripts>(services));

        _ = ActivatorUtilities.CreateInstance<FollowUpTimer>(host.Services);
        _ = ActivatorUtilities.CreateInstance<HandoffTimer>(host.Services);
        _ = ActivatorUtilities.CreateInstance<RetentionTimer>(host.Services);

        Assert.Equal(["FlowScripts"], probe.Built);
    }

    [Fact]
    public async Task The_functions_answer_a_signed_text_with_a_nul_with_a_200_and_a_reply()
    {
        using var host = BuildHost(ValidSettings());
        await using var scope = host.Services.CreateAsyncScope();
        var sms = InboundSms.Text("he\0llo");
        var webhook = WorkerRequest(scope.ServiceProvider, "/api/sms", sms.Fields, TwilioTestSigner.Sign("12345", PublicBaseUrl + "/api/sms", sms.Fields));
        var fallback = WorkerRequest(scope.ServiceProvider, "/api/sms/fallback", sms.Fields, TwilioTestSigner.Sign("12345", PublicBaseUrl + "/api/sms/fallback", sms.Fields));

        await (await new SmsWebhook(scope.ServiceProvider.GetRequiredService<TwilioWebhookGate>(), scope.ServiceProvider.GetRequiredService<SmsWebhookHandler>()).RunAsync(webhook.Request, TestContext.Current.CancellationToken)).ExecuteAsync(webhook);
        await (await new SmsFallback(scope.ServiceProvider.GetRequiredService<TwilioWebhookGate>(), scope.ServiceProvider.GetRequiredService<SmsFallbackHandler>()).RunAsync(fallback.Request, TestContext.Current.CancellationToken)).ExecuteAsync(fallback);

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
            ? await new SmsWebhook(scope.ServiceProvider.GetRequiredService<TwilioWebhookGate>(), scope.ServiceProvider.GetRequiredService<SmsWebhookHandler>()).RunAsync(context.Request, TestContext.Current.CancellationToken)
            : await new SmsFallback(scope.ServiceProvider.GetRequiredService<TwilioWebhookGate>(), scope.ServiceProvider.GetRequiredService<SmsFallbackHandler>()).RunAsync(context.Request, TestContext.Current.CancellationToken);
        await result.ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, context.Response.StatusCode);
        Assert.True(context.Request.Body.Position <= TwilioOptions.DefaultMaxBodyBytes + 1, $"Read {context.Request.Body.Position} bytes.");
    }

    [Fact]
    public async Task The_fallback_function_stays_silent_for_stop_with_punctuation()
    {
        using var host = BuildHost(ValidSettings());
        await using var scope = host.Services.CreateAsyncScope();
        var sms = InboundSms.Text("Stop!");
        var context = WorkerRequest(scope.ServiceProvider, "/api/sms/fallback", sms.Fields, TwilioTestSigner.Sign("12345", PublicBaseUrl + "/api/sms/fallback", sms.Fields));

        await (await new SmsFallback(scope.ServiceProvider.GetRequiredService<TwilioWebhookGate>(), scope.ServiceProvider.GetRequiredService<SmsFallbackHandler>()).RunAsync(context.Request, TestContext.Current.CancellationToken)).ExecuteAsync(context);

        Assert.Empty(ReadTwiml(context).Elements());
    }

    private static Dictionary<string, string?> ValidSettings() => new(LocalDefaults.Values)
    {
        ["Twilio:AuthToken"] = "12345",
        ["Twilio:WebhookBaseUrl"] = PublicBaseUrl,
    };

    private static IHost BuildHost(IDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddTextLineHost(builder.Configuration);
        configureServices?.Invoke(builder.Services);
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
