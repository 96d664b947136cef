namespace OpsBot.Kubernetes;

/// <summary>
/// Work someone is waiting for right now, which background work yields to, bounded: foreground work enters
/// (<see cref="Enter"/>) while it runs, and background work waits until none is running (<see cref="WhenIdleAsync"/>, at
/// most the wait it gives, then it goes on anyway, so a stream of foreground work never starves it). Thread-safe.
/// Two uses, one mechanism: a command's read that the cache could not answer is foreground and an informer's list waits
/// between its pages (<see cref="InformerOptions.MaxYield"/> a page) — so on a small machine the first command after a
/// start does not share its cores with the cache's first list of a whole cluster (50 MB of pods on 10,000), which it
/// cannot use yet anyway; and a chat platform's ack is foreground and the work it starts waits (OpsBot's
/// <c>AfterAckWork</c>: acks first).
/// </summary>
public sealed class ForegroundWork
{
    private readonly Lock _gate = new();
    private int _active;
    private TaskCompletionSource? _idle;

    /// <summary>How many reads are running now.</summary>
    public int Active
    {
        get
        {
            lock (_gate)
            {
                return _active;
            }
        }
    }

    /// <summary>A read starts; disposing the result ends it.</summary>
    public IDisposable Enter()
    {
        lock (_gate)
        {
            _active++;
        }

        return new Exit(this);
    }

    /// <summary>Completes when no read is running, or after <paramref name="maxWait"/> (then the caller goes on anyway).</summary>
    public async Task WhenIdleAsync(TimeSpan maxWait, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        Task idle;
        lock (_gate)
        {
            if (_active == 0)
            {
                return;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            idle = _idle.Task;
        }

        try
        {
            await idle.WaitAsync(maxWait, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Commands kept coming: the list goes on beside them.
        }
    }

    private void Leave()
    {
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            if (--_active == 0)
            {
                (idle, _idle) = (_idle, null);
            }
        }

        idle?.TrySetResult();
    }

    private sealed class Exit(ForegroundWork owner) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                owner.Leave();
            }
        }
    }
}
