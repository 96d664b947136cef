using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OpsBot.Slack;

/// <summary>
/// Work that outlives Slack's 3-second ack (a slow command, a button, an event). Every piece is tracked,
/// never fire-and-forget: on shutdown the host waits for it to finish and cancels the token it was
/// given only when the host's shutdown timeout runs out, so an acknowledged request is not dropped silently.
/// </summary>
public sealed partial class SlackBackgroundWork(ILogger<SlackBackgroundWork> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, string> _running = new();

    /// <summary>Work in progress right now.</summary>
    public int Running => _running.Count;

    /// <summary>Starts <paramref name="work"/> in the background with the host's stopping token; failures are logged.</summary>
    public void Run(string what, Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var task = Task.Run(() => work(_stopping.Token));
        _running[task] = what;
        _ = task.ContinueWith(Finished, TaskScheduler.Default);
    }

    /// <summary>Completes when no work is running (tests and the benchmark wait for delivery with it).</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        while (!_running.IsEmpty)
        {
            try
            {
                await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Failures are logged where each piece finishes; waiting goes on for the rest.
            }
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        if (!_running.IsEmpty)
        {
            LogDraining(_running.Count);
        }

        try
        {
            await WhenIdleAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogCancelled(_running.Count);
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private void Finished(Task task)
    {
        _running.TryRemove(task, out var what);
        if (task.Exception is { } error)
        {
            LogFailed(error.GetBaseException(), what ?? "work");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack background {What} failed")]
    private partial void LogFailed(Exception error, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for {Count} Slack replies in progress before stopping")]
    private partial void LogDraining(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown timed out; cancelling {Count} Slack replies in progress")]
    private partial void LogCancelled(int count);
}
