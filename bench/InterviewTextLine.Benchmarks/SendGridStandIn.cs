using InterviewTextLine.TestKit.Http;
using Microsoft.AspNetCore.Http;

namespace InterviewTextLine.Benchmarks;

/// <summary>
/// A loopback Kestrel server answering SendGrid's mail send endpoint with 202 and a message id, as fast as
/// it can: it reads the body and nothing more, so the sweep and the bare loop are measured, not the stand-in.
/// </summary>
internal sealed class SendGridStandIn : IAsyncDisposable
{
    private LoopbackServer? _server;
    private long _requests;

    public string Url => _server?.Url ?? throw new InvalidOperationException("The server has not started.");

    public long Requests => Interlocked.Read(ref _requests);

    public static async Task<SendGridStandIn> StartAsync(CancellationToken cancellationToken)
    {
        var server = new SendGridStandIn();
        server._server = await LoopbackServer.StartAsync(LoopbackServer.SendGridMailSend, server.HandleAsync, cancellationToken);
        return server;
    }

    public void Reset() => Interlocked.Exchange(ref _requests, 0);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        var n = Interlocked.Increment(ref _requests);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.Headers["X-Message-Id"] = "bench-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
