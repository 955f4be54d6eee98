using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace InterviewTextLine.TestKit.Faults;

/// <summary>What a <see cref="TcpFaultProxy"/> does with connections.</summary>
public enum ProxyMode
{
    /// <summary>Forwards bytes both ways.</summary>
    Pass,

    /// <summary>Resets every connection at once, as a host with nothing listening would.</summary>
    Refuse,

    /// <summary>Accepts connections and reads what is sent but never answers: a hung or unreachable server.</summary>
    BlackHole,
}

/// <summary>
/// A loopback TCP proxy in front of a server (Azurite, a stand-in) that a test can switch between passing,
/// refusing and black-holing traffic. Unlike stopping the server itself, this keeps the server's in-memory
/// data, so a test can take a dependency away and give it back and then check what survived.
/// </summary>
/// <remarks>
/// A switch of mode closes every connection already open, so pooled keep-alive connections cannot carry
/// traffic past the switch. Switch between requests: a request in flight at the switch sees its connection drop.
/// </remarks>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Socket[]> _open = new();
    private readonly Task _accepting;
    private long _nextId;
    private int _mode = (int)ProxyMode.Pass;

    private TcpFaultProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptLoopAsync();
    }

    /// <summary>The loopback port clients connect to instead of the server's.</summary>
    public int Port { get; }

    public ProxyMode Mode
    {
        get => (ProxyMode)Volatile.Read(ref _mode);
        set
        {
            Interlocked.Exchange(ref _mode, (int)value);
            CloseAll();
        }
    }

    /// <summary>Starts a proxy on a free loopback port in front of <c>127.0.0.1:<paramref name="targetPort"/></c>.</summary>
    public static TcpFaultProxy Start(int targetPort) => new(targetPort);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        CloseAll();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // The accept loop ends by cancellation.
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var id = Interlocked.Increment(ref _nextId);
            _ = Mode switch
            {
                ProxyMode.Refuse => Task.Run(() => Reset(client)),
                ProxyMode.BlackHole => SwallowAsync(id, client),
                _ => ForwardAsync(id, client),
            };
        }
    }

    private async Task SwallowAsync(long id, Socket client)
    {
        _open[id] = [client];
        var buffer = new byte[4096];
        try
        {
            while (await client.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token) > 0)
            {
                // Read and drop: the sender sees its request go out and no answer come back.
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Closed by a mode switch or by disposal.
        }
        finally
        {
            Release(id);
        }
    }

    private async Task ForwardAsync(long id, Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _open[id] = [client, server];
        try
        {
            if (Mode != ProxyMode.Pass)
            {
                // The mode changed between the accept and the registration; CloseAll may have missed this pair.
                return;
            }

            using (var connect = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
            {
                connect.CancelAfter(ConnectTimeout);
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, connect.Token);
            }

            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The server is gone, or a mode switch or disposal closed the pair.
        }
        finally
        {
            Release(id);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stopping.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Either side closed; the caller closes both.
        }
    }

    private void Release(long id)
    {
        if (_open.TryRemove(id, out var sockets))
        {
            foreach (var socket in sockets)
            {
                Reset(socket);
            }
        }
    }

    private void CloseAll()
    {
        foreach (var id in _open.Keys)
        {
            Release(id);
        }
    }

    /// <summary>Closes with a reset rather than a graceful FIN, so the peer fails at once instead of waiting.</summary>
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        socket.Dispose();
    }
}
