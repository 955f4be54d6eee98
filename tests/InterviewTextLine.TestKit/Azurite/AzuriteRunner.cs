using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace InterviewTextLine.TestKit.Azurite;

/// <summary>
/// Runs the Azurite table emulator and its blob emulator (the npm package pinned in the repository's package.json),
/// each on a free loopback port, in memory. Installs it with <c>npm ci</c> first when it is missing.
/// </summary>
/// <remarks>
/// <see cref="Stop"/> and <see cref="StartAsync(CancellationToken)"/> may alternate: the emulator comes
/// back on the same port (and so the same connection string) with empty storage, which lets a test
/// take storage away mid-run.
/// </remarks>
public sealed class AzuriteRunner : IAsyncDisposable, IDisposable
{
    /// <summary>The emulator's well-known account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The emulator's well-known, public account key.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private readonly StringBuilder _output = new();
    private readonly string _workspace;
    private Process? _process;
    private Process? _blobProcess;

    private AzuriteRunner(string repositoryRoot, int port, int blobPort)
    {
        RepositoryRoot = repositoryRoot;
        Port = port;
        BlobPort = blobPort;
        _workspace = Directory.CreateTempSubdirectory("azurite-").FullName;
    }

    /// <summary>The folder holding InterviewTextLine.sln and package.json.</summary>
    public string RepositoryRoot { get; }

    /// <summary>The loopback port the table service listens on; it stays the same across restarts.</summary>
    public int Port { get; }

    /// <summary>The loopback port the blob service listens on; it stays the same across restarts.</summary>
    public int BlobPort { get; }

    /// <summary>The blob service endpoint, account name included (path-style, as the emulator expects).</summary>
    public Uri BlobEndpoint => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{BlobPort}/{AccountName}"));

    /// <summary>The table service endpoint, account name included (path-style, as the emulator expects).</summary>
    public Uri TableEndpoint => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/{AccountName}"));

    /// <summary>A connection string for Azure.Data.Tables and Azure.Storage.Blobs clients.</summary>
    public string ConnectionString => string.Create(
        CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={TableEndpoint};BlobEndpoint={BlobEndpoint};");

    /// <summary>True while the emulator process runs.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false };
            }
        }
    }

    /// <summary>Installs Azurite if needed and starts it on a free port.</summary>
    public static async Task<AzuriteRunner> StartNewAsync(CancellationToken cancellationToken = default)
    {
        var root = Repository.RepositoryRoot.Path;
        await EnsureInstalledAsync(root, cancellationToken);

        // A free port can be taken by someone else between the probe and the start; try a few.
        for (var attempt = 1; ; attempt++)
        {
            var runner = new AzuriteRunner(root, FindFreePort(), FindFreePort());
            try
            {
                await runner.StartAsync(cancellationToken);
                return runner;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                await runner.DisposeAsync();
            }
        }
    }

    /// <summary>Starts the emulator (again) on <see cref="Port"/> and waits until it accepts connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        Process process;
        lock (_gate)
        {
            if (_process is { HasExited: false })
            {
                return;
            }

            _process?.Dispose();
            _output.Clear();
            process = Launch(CreateStartInfo());
            _process = process;
            _blobProcess?.Dispose();
            _blobProcess = Launch(CreateBlobStartInfo());
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before listening on port {Port}: {Output}");
            }

            if (await AcceptsConnectionsAsync(Port, timeout.Token) && await AcceptsConnectionsAsync(BlobPort, timeout.Token))
            {
                return;
            }

            try
            {
                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Stop();
                throw new InvalidOperationException($"Azurite did not listen on port {Port} within {StartTimeout.TotalSeconds} s: {Output}");
            }
        }
    }

    /// <summary>Kills the emulators; everything they stored is gone. <see cref="StartAsync(CancellationToken)"/> brings them back.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            Kill(_process);
            Kill(_blobProcess);
            (_process, _blobProcess) = (null, null);
        }
    }

    private static void Kill(Process? process)
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        process.Dispose();
    }

    private Process Launch(ProcessStartInfo info)
    {
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// The blob emulator, for the published scripts. Azurite does not implement blob versioning, which is why the
    /// script store keeps each version in blobs of its own (immutable, named by version) and a pointer to the current
    /// one: the history works the same here and in Azure, where blob versioning also keeps every pointer write.
    /// </summary>
    private ProcessStartInfo CreateBlobStartInfo()
    {
        var info = new ProcessStartInfo(Path.Combine(RepositoryRoot, "node_modules", ".bin", "azurite-blob"))
        {
            WorkingDirectory = _workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--blobHost", "127.0.0.1",
            "--blobPort", BlobPort.ToString(CultureInfo.InvariantCulture),
            "--inMemoryPersistence",
            "--skipApiVersionCheck",
            "--disableTelemetry",
            "--silent",
        })
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>What the emulator printed since its last start (it runs with --silent, so mostly errors).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_workspace, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private ProcessStartInfo CreateStartInfo()
    {
        var info = new ProcessStartInfo(AzuriteTablePath(RepositoryRoot))
        {
            WorkingDirectory = _workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--tableHost", "127.0.0.1",
            "--tablePort", Port.ToString(CultureInfo.InvariantCulture),
            "--inMemoryPersistence",
            "--skipApiVersionCheck",
            "--disableTelemetry",
            "--silent",
            // Longer than the client's idle connection lifetime in a test, so a pooled connection is
            // not closed under a request (which would show up as a retried, double-counted request).
            "--tableKeepAliveTimeout", "120",
        })
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static async Task<bool> AcceptsConnectionsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string AzuriteTablePath(string root) => Path.Combine(root, "node_modules", ".bin", "azurite-table");

    /// <summary>
    /// Runs <c>npm ci</c> when Azurite is missing. Test assemblies run in parallel processes, and two
    /// <c>npm ci</c> runs in one folder corrupt each other, so the install holds a file lock that every
    /// process of this repository checkout agrees on.
    /// </summary>
    private static async Task EnsureInstalledAsync(string root, CancellationToken cancellationToken)
    {
        if (File.Exists(AzuriteTablePath(root)))
        {
            return;
        }

        var lockName = "interviewtextline-npm-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(root)))[..16] + ".lock";
        await using var installLock = await AcquireLockAsync(Path.Combine(Path.GetTempPath(), lockName), cancellationToken);
        if (File.Exists(AzuriteTablePath(root)))
        {
            return;
        }

        var info = new ProcessStartInfo("npm")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            info.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(info) ?? throw new InvalidOperationException("Could not start npm.");
        var stdout = npm.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = npm.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InstallTimeout);
        try
        {
            await npm.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            throw;
        }

        if (npm.ExitCode != 0 || !File.Exists(AzuriteTablePath(root)))
        {
            throw new InvalidOperationException(
                $"npm ci in {root} failed with exit code {npm.ExitCode}: {await stdout}{await stderr}");
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = TimeProvider.System.GetUtcNow() + InstallTimeout;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive advisory lock between .NET processes on Linux too. The file
                // stays behind: deleting it on close would let two processes lock two different files.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (TimeProvider.System.GetUtcNow() < deadline)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }
}
