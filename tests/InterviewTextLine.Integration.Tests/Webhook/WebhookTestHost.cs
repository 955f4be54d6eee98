using System.Net.Http.Headers;
using InterviewTextLine.Core;
using InterviewTextLine.Core.Storage;
using InterviewTextLine.Cli.Serve;
using InterviewTextLine.Hosting.Webhook;
using InterviewTextLine.TestKit.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Integration.Tests.Webhook;

/// <summary>
/// <c>textline serve</c> started on a free loopback port with hermetic settings (no local.settings.json, no
/// environment), the line's real service over an in-memory store the test can inspect, and a log collector.
/// </summary>
internal sealed class WebhookTestHost : IAsyncDisposable
{
    public const string AuthToken = "12345";

    private WebhookTestHost(WebApplication app, InMemoryConversationStore store)
    {
        App = app;
        Store = store;
        BaseUrl = app.Urls.First();
        Client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
    }

    public WebApplication App { get; }

    public InMemoryConversationStore Store { get; }

    /// <summary>The URL the host listens on, e.g. <c>http://127.0.0.1:49152</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The base URL signatures are checked against.</summary>
    public string SignedBaseUrl => App.Services.GetRequiredService<IOptions<TwilioOptions>>().Value.WebhookBaseUrl;

    public HttpClient Client { get; }

    public FakeLogCollector Logs => App.Services.GetRequiredService<FakeLogCollector>();

    public static async Task<WebhookTestHost> StartAsync(
        Action<ServeHostOptions>? configure = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var options = new ServeHostOptions { Urls = "http://127.0.0.1:0", ReadMachineSettings = false };
        options.Settings["Twilio:AuthToken"] = AuthToken;
        configure?.Invoke(options);
        var store = new InMemoryConversationStore();
        var app = ServeHost.Build(options, services =>
        {
            services.AddLogging(logging => logging.AddFakeLogging());
            services.ReplaceConversationStorage(_ => store);
            configureServices?.Invoke(services);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new WebhookTestHost(app, store);
    }

    /// <summary>Every conversation in the store (a test's whole view of what was written).</summary>
    public async Task<int> StoredConversationCountAsync() =>
        (await TestKit.Storage.StoredTexters.AllAsync(Store, TestContext.Current.CancellationToken)).Count;

    /// <summary>Posts the form, signed for <paramref name="signedUrl"/> (default: the configured public URL + path).</summary>
    public Task<HttpResponseMessage> PostSignedAsync(
        string path,
        IReadOnlyDictionary<string, string> fields,
        string? signedUrl = null,
        string authToken = AuthToken,
        string? hostHeader = null)
    {
        var signature = TwilioTestSigner.Sign(authToken, signedUrl ?? SignedBaseUrl.TrimEnd('/') + path, fields);
        return PostAsync(path, fields, signature, hostHeader);
    }

    public Task<HttpResponseMessage> PostAsync(string path, IReadOnlyDictionary<string, string> fields, string? signature, string? hostHeader = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        if (signature is not null)
        {
            request.Headers.Add(TwilioSignatureValidator.SignatureHeader, signature);
        }

        if (hostHeader is not null)
        {
            request.Headers.Host = hostHeader;
        }

        return Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(TestContext.Current.CancellationToken);
        await App.DisposeAsync();
    }
}

/// <summary>Reads TwiML replies the way Twilio does: as XML, not as strings.</summary>
internal static class Twiml
{
    public static async Task<IReadOnlyList<string>> MessagesAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var document = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Response", document.Root?.Name.LocalName);
        return [.. document.Root!.Elements("Message").Select(message => message.Value)];
    }

    public static MediaTypeHeaderValue? ContentType(HttpResponseMessage response) => response.Content.Headers.ContentType;
}
