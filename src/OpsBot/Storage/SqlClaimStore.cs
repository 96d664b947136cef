using System.Collections.Concurrent;
using System.Data.Common;
using OpsBot.Chat.Delivery;
using OpsBot.Storage.Sql;

namespace OpsBot.Storage;

/// <summary>
/// The persistent <see cref="IClaimStore"/>: one atomic upsert per claim (and, for <see cref="SqlUnansweredCommandJournal"/>, the writes that go with it). A new key is inserted; an existing
/// key is taken over only if its claim has expired (<c>ON CONFLICT … DO UPDATE … WHERE expires_at &lt;= now</c>);
/// one row changed means the caller won. Claims that arrive together are written together: one writer at a
/// time commits everything queued in one transaction (group commit), so a burst of claims costs a few
/// commits instead of one connection, one lock wait and one fsync each. Expired rows are purged at most once
/// per <see cref="PurgeInterval"/>.
/// </summary>
public sealed class SqlClaimStore(StoreDatabase database, TimeProvider timeProvider) : IClaimStore
{
    /// <summary>How often a store deletes expired claims (on the next claim after the interval).</summary>
    public static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(1);

    /// <summary>Most claims written in one transaction.</summary>
    public const int MaxBatch = 256;

    // https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT and https://www.sqlite.org/lang_upsert.html
    private const string Claim = """
        INSERT INTO claims (claim_key, expires_at) VALUES (@claim_key, @expires_at)
        ON CONFLICT (claim_key) DO UPDATE SET expires_at = excluded.expires_at WHERE claims.expires_at <= @now
        """;

    // https://www.postgresql.org/docs/current/errcodes-appendix.html: a batch can lose a deadlock against the purge of another replica.
    private const string DeadlockDetected = "40P01";

    /// <summary>How long a deferred write waits for a batch to ride in before it gets one of its own.</summary>
    public static readonly TimeSpan DeferredFlushDelay = TimeSpan.FromSeconds(1);

    private readonly ConcurrentQueue<PendingClaim> _queue = new();

    // Writes nobody waits for (a journal row of an answered command deleted): they ride in the next batch's transaction,
    // so they never cost an ack a commit; a flush gives them a batch of their own after DeferredFlushDelay.
    private readonly ConcurrentQueue<Func<DbConnection, DbTransaction, Task>> _deferred = new();
    private int _flushScheduled;
    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;

    // 1 while a writer drains the queue; whoever enqueues and finds it 0 starts one.
    private int _writing;

    public Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ClaimKeys.Validate(key, ttl);
        return EnqueueAsync(new PendingClaim(key, ttl), cancellationToken);
    }

    /// <summary>
    /// Claims <paramref name="key"/> and, when won, runs <paramref name="whenWon"/> in the same transaction (in the same
    /// batch as the other claims of a burst, so it costs no commit of its own).
    /// </summary>
    internal Task<bool> TryClaimAsync(string key, TimeSpan ttl, Func<DbConnection, DbTransaction, Task> whenWon, CancellationToken cancellationToken = default)
    {
        ClaimKeys.Validate(key, ttl);
        return EnqueueAsync(new PendingClaim(key, ttl, whenWon), cancellationToken);
    }

    /// <summary>Runs <paramref name="write"/> in the next batch's transaction, without claiming anything.</summary>
    internal Task WriteInBatchAsync(Func<DbConnection, DbTransaction, Task> write, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new PendingClaim(null, TimeSpan.Zero, write), cancellationToken);

    /// <summary>
    /// Runs <paramref name="write"/> in a later batch's transaction, without waiting: within <see cref="DeferredFlushDelay"/>,
    /// or sooner with the next claims. Lost if the process dies first — only for writes whose loss is harmless.
    /// </summary>
    internal void WriteDeferred(Func<DbConnection, DbTransaction, Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        _deferred.Enqueue(write);
        if (Interlocked.CompareExchange(ref _flushScheduled, 1, 0) == 0)
        {
            _ = FlushLaterAsync();
        }
    }

    private async Task FlushLaterAsync()
    {
        await Task.Delay(DeferredFlushDelay, timeProvider).ConfigureAwait(false);
        Interlocked.Exchange(ref _flushScheduled, 0);
        if (!_deferred.IsEmpty)
        {
            try
            {
                // An empty write: a batch that carries whatever is deferred.
                await EnqueueAsync(new PendingClaim(null, TimeSpan.Zero, static (_, _) => Task.CompletedTask), CancellationToken.None).ConfigureAwait(false);
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

    private async Task<bool> EnqueueAsync(PendingClaim claim, CancellationToken cancellationToken)
    {
        // Once queued, the claim is written whatever happens to this caller: giving up on a claim that then
        // commits would leave the delivery claimed and never handled, so cancellation counts only up to here.
        cancellationToken.ThrowIfCancellationRequested();
        _queue.Enqueue(claim);
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            // Its own thread, not a pool thread: in a burst the pool's queue holds hundreds of requests, and every
            // one of them waits for this writer (SQLite's driver is synchronous, so the writer blocks while it commits).
            _ = Task.Factory.StartNew(DrainAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        }

        return await claim.Won.Task.ConfigureAwait(false);
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
                // A full fence, so that a claim enqueued while this writer was finishing is seen below.
                Interlocked.Exchange(ref _writing, 0);
            }
        }
        while (!_queue.IsEmpty && Interlocked.CompareExchange(ref _writing, 1, 0) == 0);
    }

    private List<PendingClaim> TakeBatch()
    {
        var batch = new List<PendingClaim>();
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var claim))
        {
            batch.Add(claim);
        }

        // One lock order for every replica's transactions (PostgreSQL row locks): batches never deadlock each other.
        batch.Sort((a, b) => string.CompareOrdinal(a.Key ?? "", b.Key ?? ""));
        return batch;
    }

    private async Task WriteAsync(List<PendingClaim> batch)
    {
        try
        {
            bool[] won;
            try
            {
                won = await CommitAsync(batch).ConfigureAwait(false);
            }
            catch (DbException error) when (error.SqlState == DeadlockDetected)
            {
                won = await CommitAsync(batch).ConfigureAwait(false); // rolled back: nothing of it was written
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Won.TrySetResult(won[i]);
            }
        }
        catch (Exception error)
        {
            foreach (var claim in batch)
            {
                claim.Won.TrySetException(error);
            }
        }
    }

    // The claims are written by a writer shared by every caller, so no caller's token may cancel it.
    private async Task<bool[]> CommitAsync(List<PendingClaim> batch)
    {
        var now = timeProvider.GetUtcNow();
        var deferred = new List<Func<DbConnection, DbTransaction, Task>>();
        while (deferred.Count < MaxBatch && _deferred.TryDequeue(out var write))
        {
            deferred.Add(write);
        }

        try
        {
            return await database.RunAsync(async (connection, token) =>
            {
                if (now >= _nextPurge)
                {
                    _nextPurge = now + PurgeInterval;
                    await using var purge = connection.CreateCommand("DELETE FROM claims WHERE expires_at <= @now").With("now", database.ToTimeValue(now));
                    await purge.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }

                return await CommitAsync(connection, batch, deferred, now).ConfigureAwait(false);
            }, CancellationToken.None).ConfigureAwait(false);
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

    private async Task<bool[]> CommitAsync(DbConnection connection, List<PendingClaim> batch, List<Func<DbConnection, DbTransaction, Task>> deferred, DateTimeOffset now)
    {
        var won = new bool[batch.Count];
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
        foreach (var write in deferred)
        {
            await write(connection, transaction).ConfigureAwait(false);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            won[i] = batch[i].Key is not { } key || await ClaimAsync(connection, transaction, key, now, batch[i].Ttl).ConfigureAwait(false);
            if (won[i] && batch[i].WhenWon is { } write)
            {
                await write(connection, transaction).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return won;
    }

    // Two claims of one key in a batch: the first inserts, the second finds it unexpired and changes nothing.
    private async Task<bool> ClaimAsync(DbConnection connection, DbTransaction transaction, string key, DateTimeOffset now, TimeSpan ttl)
    {
        await using var claim = connection.CreateCommand(Claim, transaction)
            .With("claim_key", key)
            .With("expires_at", database.ToTimeValue(now + ttl))
            .With("now", database.ToTimeValue(now));
        return await claim.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) == 1;
    }
}
