using InterviewTextLine.Core.Flow;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Hosting.Scripts;

/// <summary>
/// Keeps the running line on the published wording: before the host takes its first text it reads the current
/// version, then checks again every <see cref="ScriptStoreOptions.RefreshInterval"/> (30 seconds), so a publish or a
/// revert reaches texters within a minute without a restart. <see cref="ScriptSwitcher"/> lints a version before
/// taking it and refuses a bad one. When the container cannot be read the line keeps speaking what it has.
/// </summary>
public sealed partial class ScriptWatcher(
    IScriptStore store,
    ScriptSwitcher switcher,
    TimeProvider time,
    IOptions<ScriptStoreOptions> options,
    ILogger<ScriptWatcher> logger) : IHostedLifecycleService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private string? _seenTag;

    /// <summary>Reads the published version once, now; the host calls it before it starts listening.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var current = await store.ReadCurrentAsync(cancellationToken);
            if (current is null)
            {
                if (_seenTag is null)
                {
                    _seenTag = "";
                    LogNothingPublished();
                }

                return;
            }

            if (current.Tag == _seenTag)
            {
                return;
            }

            var scripts = await store.ReadVersionAsync(current.Version, cancellationToken);
            switcher.TrySwitch(current.Version, scripts);
            _seenTag = current.Tag;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogCheckFailed(exception);
        }
    }

    public async Task StartingAsync(CancellationToken cancellationToken) => await CheckAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = LoopAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await CheckAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stopping.Dispose();

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Could not read the published wording; the line keeps the wording it has and tries again")]
    private partial void LogCheckFailed(Exception exception);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "No wording has been published yet; the line speaks the scripts built into the app")]
    private partial void LogNothingPublished();
}
