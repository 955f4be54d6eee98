using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using InterviewTextLine.TestKit.Http;
using Microsoft.AspNetCore.Http;

namespace InterviewTextLine.Integration.Tests.Resilience;

/// <summary>What the stand-in does with one mail send request.</summary>
internal abstract record SendGridFault
{
    /// <summary>202: SendGrid took the email.</summary>
    public sealed record Accept : SendGridFault;

    /// <summary>An error status, with a body in SendGrid's error shape.</summary>
    public sealed record Status(int Code, IReadOnlyDictionary<string, string>? Headers = null) : SendGridFault;

    /// <summary>Reads the request and never answers, so the client's time-out has to end it.</summary>
    public sealed record Hang : SendGridFault;

    /// <summary>Reads the request and then drops the connection without a response.</summary>
    public sealed record Drop : SendGridFault;
}

/// <summary>
/// A loopback SendGrid v3 mail send endpoint with a script of faults per recipient (202 once a recipient's script
/// runs out). It records every request and every 202 it gave, so a test can count accepted sends per address.
/// </summary>
internal sealed class FaultySendGrid : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SendGridFault>> _scripts = new(StringComparer.OrdinalIgnoreCase);
    private LoopbackServer? _server;

    public string Url => _server?.Url ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>Every request, by recipient, with what it was answered.</summary>
    public ConcurrentQueue<(string To, SendGridFault Answer)> Requests { get; } = new();

    public int AcceptedFor(string to) => Requests.Count(request => request.To == to && request.Answer is SendGridFault.Accept);

    public int RequestsFor(string to) => Requests.Count(request => request.To == to);

    public static async Task<FaultySendGrid> StartAsync(CancellationToken cancellationToken)
    {
        var server = new FaultySendGrid();
        server._server = await LoopbackServer.StartAsync(LoopbackServer.SendGridMailSend, server.HandleAsync, cancellationToken);
        return server;
    }

    /// <summary>Answers the next requests for <paramref name="to"/> with <paramref name="faults"/>, in order.</summary>
    public FaultySendGrid Script(string to, params SendGridFault[] faults)
    {
        var queue = _scripts.GetOrAdd(to, _ => new ConcurrentQueue<SendGridFault>());
        foreach (var fault in faults)
        {
            queue.Enqueue(fault);
        }

        return this;
    }

    public static SendGridFault RateLimited(DateTimeOffset reset) => new SendGridFault.Status(429, new Dictionary<string, string>
    {
        ["X-RateLimit-Limit"] = "600",
        ["X-RateLimit-Remaining"] = "0",
        ["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
    });

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var to = document.RootElement.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString() ?? "";
        var answer = _scripts.TryGetValue(to, out var script) && script.TryDequeue(out var next) ? next : new SendGridFault.Accept();
        Requests.Enqueue((to, answer));
        switch (answer)
        {
            case SendGridFault.Accept:
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                context.Response.Headers["X-Message-Id"] = "msg-" + Requests.Count.ToString(CultureInfo.InvariantCulture);
                break;
            case SendGridFault.Status status:
                context.Response.StatusCode = status.Code;
                foreach (var (name, value) in status.Headers ?? new Dictionary<string, string>())
                {
                    context.Response.Headers[name] = value;
                }

                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"errors":[{"field":null,"message":"scripted failure","help":null}]}""", context.RequestAborted);
                break;
            case SendGridFault.Hang:
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _server!.Stopping))
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, linked.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // The client gave up, or the stand-in is stopping: no answer was ever sent.
                    }
                }

                context.Abort();
                break;
            case SendGridFault.Drop:
                context.Abort();
                break;
            default:
                throw new InvalidOperationException($"Unknown fault {answer}.");
        }
    }
}
