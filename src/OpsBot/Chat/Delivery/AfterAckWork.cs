using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpsBot.Kubernetes;

namespace OpsBot.Chat.Delivery;

/// <summary>
/// Work that outlives a platform's acknowledgement (Slack's 3 seconds, the HTTP answer to Teams): a slow command, a
/// button, an event, a reply. One worker for every adapter. Every piece is tracked, never fire-and-forget: on shutdown
/// the host waits for it to finish and cancels the token it was given only when the host's shutdown timeout runs out,
/// so an acknowledged request is not dropped silently. At most <see cref="Capacity"/> pieces are admitted at once
/// through <see cref="TryRun"/>, so a burst cannot grow memory without bound; how many run the pipeline at once is each
/// adapter's own limit.
/// <para>
/// Acks first: while an inbound chat request is being acknowledged (<see cref="Acknowledging"/>), work started here waits
/// for it, at most <see cref="MaxDeferral"/>. On a small machine a burst's acks otherwise share the cores with the
/// commands the first of them started, and Slack's users see the ack latency, not the work's (docs/RELIABILITY.md).
/// </para>
/// </summary>
public sealed partial class AfterAckWork(ILogger<AfterAckWork> logger) : IHostedService, IDisposable
{
    /// <summary>Pieces admitted at once (running or waiting for their adapter's turn) before <see cref="TryRun"/> refuses.</summary>
    public const int Capacity = 1000;

    /// <summary>The longest a piece waits for acks in progress: under sustained traffic work still starts, just later.</summary>
    public TimeSpan MaxDeferral { get; init; } = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, string> _running = new();
    private readonly ForegroundWork _acks = new();
    private int _admitted;

    /// <summary>Work in progress right now.</summary>
    public int Running => _running.Count;

    /// <summary>
    /// Starts <paramref name="work"/> with the host's stopping token unless <see cref="Capacity"/> pieces are in progress:
    /// for a platform that delivers again when refused (Teams answered 503 retries), so a refusal loses nothing.
    /// </summary>
    /// <returns><see langword="false"/> when refused.</returns>
    public bool TryRun(string what, Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (Interlocked.Increment(ref _admitted) > Capacity)
        {
            Interlocked.Decrement(ref _admitted);
            return false;
        }

        Start(what, work);
        return true;
    }

    /// <summary>
    /// Starts <paramref name="work"/> with the host's stopping token, whatever is in progress: for work whose request is
    /// acknowledged already and would not come again (a Slack command answered through its <c>response_url</c>).
    /// </summary>
    /// <param name="what">What the work is, for the log.</param>
    /// <param name="work">The work, given the host's stopping token.</param>
    /// <param name="behindAcks">
    /// <see langword="false"/> only when the caller's own ack waits for this work (a reply small enough to ride in the ack):
    /// waiting for acks in progress would then wait for itself.
    /// </param>
    public void Run(string what, Func<CancellationToken, Task> work, bool behindAcks = true)
    {
        ArgumentNullException.ThrowIfNull(work);
        Interlocked.Increment(ref _admitted);
        Start(what, work, behindAcks);
    }

    /// <summary>
    /// Marks an inbound chat request as being acknowledged until the returned scope is disposed (the Slack and Teams
    /// endpoints, through <see cref="AcksFirstEndpointFilter"/>).
    /// </summary>
    public IDisposable Acknowledging() => _acks.Enter();

    /// <summary>Completes when no work is running (tests and benchmarks wait for delivery with it).</summary>
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

    private void Start(string what, Func<CancellationToken, Task> work, bool behindAcks = true)
    {
        var task = behindAcks ? Task.Run(() => RunBehindAcksAsync(work)) : Task.Run(() => work(_stopping.Token));
        _running[task] = what;
        // Registered after the entry is added, so Finished always finds it.
        _ = task.ContinueWith(Finished, TaskScheduler.Default);
    }

    private async Task RunBehindAcksAsync(Func<CancellationToken, Task> work)
    {
        // Wall-clock on purpose: this bounds CPU scheduling, not anything a user's clock or a test's fake clock governs.
        // Not cancelled by stopping: work admitted runs (with the stopping token), as it did before waiting.
        await _acks.WhenIdleAsync(MaxDeferral, TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
        await work(_stopping.Token).ConfigureAwait(false);
    }

    private void Finished(Task task)
    {
        // Admission frees before the piece leaves the running set, so WhenIdleAsync returning means capacity is back.
        Interlocked.Decrement(ref _admitted);
        _running.TryRemove(task, out var what);
        if (task.Exception is { } error)
        {
            LogFailed(error.GetBaseException(), what ?? "work");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "After-ack {What} failed")]
    private partial void LogFailed(Exception error, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for {Count} chat replies in progress before stopping")]
    private partial void LogDraining(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown timed out; cancelling {Count} chat replies in progress")]
    private partial void LogCancelled(int count);
}
