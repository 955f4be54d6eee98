using System.Collections.Concurrent;
using System.Text.Json;
using InterviewTextLine.TestKit.Http;
using Microsoft.AspNetCore.Http;

namespace InterviewTextLine.TestKit.Email;

/// <summary>
/// A real HTTP server on loopback standing in for SendGrid's v3 mail send endpoint. It records every
/// request and answers from a queue of scripted responses (202 when the queue is empty).
/// </summary>
public sealed class FakeSendGridServer : IAsyncDisposable
{
    private LoopbackServer? _server;

    public string Url => _server?.Url ?? throw new InvalidOperationException("The server has not started.");

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    private ConcurrentQueue<Reply> Replies { get; } = new();

    public static async Task<FakeSendGridServer> StartAsync(CancellationToken cancellationToken)
    {
        var server = new FakeSendGridServer();
        server._server = await LoopbackServer.StartAsync(LoopbackServer.SendGridMailSend, server.HandleAsync, cancellationToken);
        return server;
    }

    public FakeSendGridServer Then(int status, IReadOnlyDictionary<string, string>? headers = null, string? body = null)
    {
        Replies.Enqueue(new Reply(status, headers ?? new Dictionary<string, string>(), body, Hang: false));
        return this;
    }

    /// <summary>Answers the next request never: the client has to give up.</summary>
    public FakeSendGridServer ThenHang()
    {
        Replies.Enqueue(new Reply(0, new Dictionary<string, string>(), null, Hang: true));
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        Requests.Enqueue(new RecordedRequest(context.Request.Headers.Authorization.ToString(), JsonDocument.Parse(body).RootElement.Clone()));

        var reply = Replies.TryDequeue(out var scripted) ? scripted : new Reply(202, new Dictionary<string, string> { ["X-Message-Id"] = "msg-" + Requests.Count }, null, Hang: false);
        if (reply.Hang)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _server!.Stopping);
            try
            {
                await Task.Delay(Timeout.Infinite, linked.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (reply.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body, context.RequestAborted);
        }
    }

    private sealed record Reply(int Status, IReadOnlyDictionary<string, string> Headers, string? Body, bool Hang);
}

/// <summary>One request the stand-in received.</summary>
public sealed record RecordedRequest(string Authorization, JsonElement Body);
