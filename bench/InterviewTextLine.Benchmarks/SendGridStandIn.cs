using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InterviewTextLine.Benchmarks;

/// <summary>
/// A loopback Kestrel server answering SendGrid's mail send endpoint with 202 and a message id, as fast as
/// it can: it reads the body and nothing more, so the sweep and the bare loop are measured, not the stand-in.
/// </summary>
internal sealed class SendGridStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _requests;

    private SendGridStandIn(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public long Requests => Interlocked.Read(ref _requests);

    public static async Task<SendGridStandIn> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new SendGridStandIn(app);
        app.MapPost("/v3/mail/send", server.HandleAsync);
        await app.StartAsync(cancellationToken);
        server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return server;
    }

    public void Reset() => Interlocked.Exchange(ref _requests, 0);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        var n = Interlocked.Increment(ref _requests);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.Headers["X-Message-Id"] = "bench-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
