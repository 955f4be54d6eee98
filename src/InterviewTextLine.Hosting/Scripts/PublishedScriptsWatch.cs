using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace InterviewTextLine.Hosting.Scripts;

/// <summary>
/// The host's side of <see cref="ScriptWatcher"/>: when <see cref="ScriptStoreOptions"/> names a container it builds
/// the watcher as the host starts and passes each step of the host's lifecycle on to it; without one it builds
/// nothing, and the line speaks the scripts it started with.
/// </summary>
/// <remarks>The choice is made here, from the options as bound, rather than when services are registered.</remarks>
internal sealed class PublishedScriptsWatch(IOptions<ScriptStoreOptions> options, IServiceProvider services) : IHostedLifecycleService
{
    private ScriptWatcher? _watcher;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _watcher = options.Value.IsConfigured ? services.GetRequiredService<ScriptWatcher>() : null;
        return _watcher?.StartingAsync(cancellationToken) ?? Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => _watcher?.StartAsync(cancellationToken) ?? Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => _watcher?.StartedAsync(cancellationToken) ?? Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => _watcher?.StoppingAsync(cancellationToken) ?? Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => _watcher?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => _watcher?.StoppedAsync(cancellationToken) ?? Task.CompletedTask;
}
