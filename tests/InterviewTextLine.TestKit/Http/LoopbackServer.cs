using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.TestKit.Http;

/// <summary>
/// A real HTTP server (Kestrel) on a free loopback port answering one POST route, for standing in for a
/// vendor's API (SendGrid's mail send) in tests and benchmarks.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    /// <summary>The route of SendGrid's v3 mail send API.</summary>
    public const string SendGridMailSend = "/v3/mail/send";

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();

    private LoopbackServer(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    /// <summary>
    /// Cancelled when the server is disposed, so a handler that stands in for a hung API can wait on it and
    /// let the server stop instead of holding the request open for ever.
    /// </summary>
    public CancellationToken Stopping => _stopping.Token;

    public static async Task<LoopbackServer> StartAsync(string route, RequestDelegate handler, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost(route, handler);
        await app.StartAsync(cancellationToken);
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackServer(app, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
