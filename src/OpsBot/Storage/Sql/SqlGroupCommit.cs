using System.Collections.Concurrent;
using System.Data.Common;

namespace OpsBot.Storage.Sql;

/// <summary>
/// The database's writer for the small writes of the hot path (claims, the unanswered-command journal, audit entries,
/// Teams conversation references, message links):
/// writes that arrive together are committed together, by one writer at a time, in one transaction (group commit) — a
/// burst of 200 commands costs a few commits instead of one connection, one lock wait and one fsync each. Every caller
/// still waits for the commit that holds its write, so nothing is acknowledged before it is durable.
/// </summary>
/// <remarks>
/// Why it matters most on SQLite: its driver is synchronous under the async API, and SQLite takes one writer at a time,
/// so concurrent writers each block a thread through their fsync and through SQLite's busy handler, which sleeps in
/// steps of up to 100 ms. Eight pipeline workers writing their audit entries that way held the thread pool and Slack's
/// acks waited behind them (p99 ~300 ms; docs/RELIABILITY.md). Here the writer runs on a thread of its own and callers
/// wait without holding one. One instance per <see cref="StoreDatabase"/> (<see cref="StoreDatabase.GroupCommit"/>).
/// </remarks>
public sealed class SqlGroupCommit
{
    /// <summary>Most writes committed in one transaction.</summary>
    public const int MaxBatch = 256;

    /// <summary>How long a deferred write waits for a batch to ride in before it gets one of its own.</summary>
    public static readonly TimeSpan DeferredFlushDelay = TimeSpan.FromSeconds(1);

    // https://www.postgresql.org/docs/current/errcodes-appendix.html: a batch can lose a deadlock against another replica's.
    private const string DeadlockDetected = "40P01";

    private readonly StoreDatabase _database;
    private readonly ConcurrentQueue<PendingWrite> _queue = new();

    // Writes nobody waits for (a journal row of an answered command deleted, expired claims purged): they ride in the
    // next batch's transaction, so they never cost an ack a commit; a flush gives them a batch of their own after
    // DeferredFlushDelay.
    private readonly ConcurrentQueue<Func<DbConnection, DbTransaction, Task>> _deferred = new();
    private int _flushScheduled;
    private long _sequence;

    // 1 while a writer drains the queue; whoever enqueues and finds it 0 starts one.
    private int _writing;

    internal SqlGroupCommit(StoreDatabase database) => _database = database;

    /// <summary>
    /// Runs <paramref name="write"/> in the next batch's transaction and returns its answer once that transaction has
    /// committed. Within a batch, writes run in <paramref name="order"/> (ordinal; null first), then in arrival order: one
    /// lock order for every replica's transactions, so that batches never deadlock each other on PostgreSQL row locks.
    /// </summary>
    /// <remarks>
    /// The write may run more than once (a batch rolled back by a deadlock, or by another write's failure, is run again):
    /// it must be a plain function of the database's state. Cancellation counts only until the write is queued — once
    /// queued it is committed whatever happens to the caller.
    /// </remarks>
    public Task<bool> WriteAsync(string? order, Func<DbConnection, DbTransaction, Task<bool>> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingWrite(order, Interlocked.Increment(ref _sequence), write);
        _queue.Enqueue(pending);
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            // Its own thread, not a pool thread: in a burst the pool's queue holds hundreds of requests, and every one of
            // them may wait for this writer (SQLite's driver blocks the thread while it commits).
            _ = Task.Factory.StartNew(DrainAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        }

        return pending.Committed.Task;
    }

    /// <summary>Runs <paramref name="write"/> in the next batch's transaction; completes once that transaction has committed.</summary>
    public Task WriteAsync(Func<DbConnection, DbTransaction, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        return WriteAsync(null, async (connection, transaction) =>
        {
            await write(connection, transaction).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a later batch's transaction, without waiting: within <see cref="DeferredFlushDelay"/>,
    /// or sooner with the next writes. Lost if the process dies first — only for writes whose loss is harmless.
    /// </summary>
    public void WriteDeferred(Func<DbConnection, DbTransaction, Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        _deferred.Enqueue(write);
        if (Interlocked.CompareExchange(ref _flushScheduled, 1, 0) == 0)
        {
            _ = FlushLaterAsync();
        }
    }

    /// <summary>Commits whatever is deferred now (at shutdown).</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => WriteAsync(static (_, _) => Task.CompletedTask, cancellationToken);

    private async Task FlushLaterAsync()
    {
        await Task.Delay(DeferredFlushDelay).ConfigureAwait(false);
        Interlocked.Exchange(ref _flushScheduled, 0);
        if (!_deferred.IsEmpty)
        {
            try
            {
                await FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (DbException)
            {
                // The deferred writes went back to the queue (CommitAsync); the next flush tries again.
            }
        }

        if (!_deferred.IsEmpty && Interlocked.CompareExchange(ref _flushScheduled, 1, 0) == 0)
        {
            _ = FlushLaterAsync();
        }
    }

    // Writes batches until the queue is empty; never throws (a batch's failure is its callers' exception).
    private async Task DrainAsync()
    {
        do
        {
            try
            {
                while (TakeBatch() is { Count: > 0 } batch)
                {
                    await WriteAsync(batch).ConfigureAwait(false);
                }
            }
            finally
            {
                // A full fence, so that a write enqueued while this writer was finishing is seen below.
                Interlocked.Exchange(ref _writing, 0);
            }
        }
        while (!_queue.IsEmpty && Interlocked.CompareExchange(ref _writing, 1, 0) == 0);
    }

    private List<PendingWrite> TakeBatch()
    {
        var batch = new List<PendingWrite>();
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var write))
        {
            batch.Add(write);
        }

        batch.Sort(static (a, b) => string.CompareOrdinal(a.Order, b.Order) is var byOrder and not 0 ? byOrder : a.Sequence.CompareTo(b.Sequence));
        return batch;
    }

    private async Task WriteAsync(List<PendingWrite> batch)
    {
        try
        {
            var answers = await CommitWithRetryAsync(batch).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Committed.TrySetResult(answers[i]);
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            // One bad write (a value the database refuses) must not fail the others of its burst: each alone, so only its
            // own caller sees the error. Rolled back, nothing of the batch was written.
            foreach (var write in batch)
            {
                await WriteAsync([write]).ConfigureAwait(false);
            }
        }
        catch (Exception error)
        {
            batch[0].Committed.TrySetException(error);
        }
    }

    private async Task<bool[]> CommitWithRetryAsync(List<PendingWrite> batch)
    {
        try
        {
            return await CommitAsync(batch).ConfigureAwait(false);
        }
        catch (DbException error) when (error.SqlState == DeadlockDetected)
        {
            return await CommitAsync(batch).ConfigureAwait(false); // rolled back: nothing of it was written
        }
    }

    // The writer is shared by every caller, so no caller's token may cancel it.
    private async Task<bool[]> CommitAsync(List<PendingWrite> batch)
    {
        var deferred = new List<Func<DbConnection, DbTransaction, Task>>();
        while (deferred.Count < MaxBatch && _deferred.TryDequeue(out var write))
        {
            deferred.Add(write);
        }

        try
        {
            await using var connection = await _database.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var write in deferred)
            {
                await write(connection, transaction).ConfigureAwait(false);
            }

            var answers = new bool[batch.Count];
            for (var i = 0; i < batch.Count; i++)
            {
                answers[i] = await batch[i].Write(connection, transaction).ConfigureAwait(false);
            }

            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return answers;
        }
        catch
        {
            // Rolled back: the deferred writes go back in line for the next batch.
            foreach (var write in deferred)
            {
                _deferred.Enqueue(write);
            }

            throw;
        }
    }

    /// <summary>A write waiting for the next batch, and its caller's answer.</summary>
    private sealed record PendingWrite(string? Order, long Sequence, Func<DbConnection, DbTransaction, Task<bool>> Write)
    {
        public TaskCompletionSource<bool> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
