using System.Data.Common;
using OpsBot.Chat.Delivery;
using OpsBot.Storage.Sql;

namespace OpsBot.Storage;

/// <summary>
/// The persistent <see cref="IClaimStore"/>: one atomic upsert per claim. A new key is inserted; an existing key is taken
/// over only if its claim has expired (<c>ON CONFLICT … DO UPDATE … WHERE expires_at &lt;= now</c>); one row changed means
/// the caller won. Claims ride in the database's group commit (<see cref="SqlGroupCommit"/>), so a burst of claims costs
/// a few commits, with whatever else the burst writes (the journal, audit entries). Expired rows are purged at most once
/// per <see cref="PurgeInterval"/>.
/// </summary>
public sealed class SqlClaimStore(StoreDatabase database, TimeProvider timeProvider) : IClaimStore
{
    /// <summary>How often a store deletes expired claims (with the next claim after the interval).</summary>
    public static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(1);

    // https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT and https://www.sqlite.org/lang_upsert.html
    private const string Claim = """
        INSERT INTO claims (claim_key, expires_at) VALUES (@claim_key, @expires_at)
        ON CONFLICT (claim_key) DO UPDATE SET expires_at = excluded.expires_at WHERE claims.expires_at <= @now
        """;

    private long _nextPurgeTicks = DateTimeOffset.MinValue.UtcTicks;

    public Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        TryClaimAsync(key, ttl, whenWon: null, cancellationToken);

    /// <summary>
    /// Claims <paramref name="key"/> and, when won, runs <paramref name="whenWon"/> in the same transaction (in the same
    /// batch as the other claims of a burst, so it costs no commit of its own): both land or neither does.
    /// </summary>
    internal Task<bool> TryClaimAsync(string key, TimeSpan ttl, Func<DbConnection, DbTransaction, Task>? whenWon, CancellationToken cancellationToken = default)
    {
        ClaimKeys.Validate(key, ttl);
        PurgeIfDue();
        return database.GroupCommit.WriteAsync(key, async (connection, transaction) =>
        {
            var won = await ClaimAsync(connection, transaction, key, ttl).ConfigureAwait(false);
            if (won && whenWon is not null)
            {
                await whenWon(connection, transaction).ConfigureAwait(false);
            }

            return won;
        }, cancellationToken);
    }

    // The purge rides, deferred, in the batch of the claim that found it due (it runs first in that transaction).
    private void PurgeIfDue()
    {
        var now = timeProvider.GetUtcNow();
        var due = Interlocked.Read(ref _nextPurgeTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextPurgeTicks, (now + PurgeInterval).UtcTicks, due) != due)
        {
            return;
        }

        database.GroupCommit.WriteDeferred(async (connection, transaction) =>
        {
            await using var purge = connection.CreateCommand("DELETE FROM claims WHERE expires_at <= @now", transaction).With("now", database.ToTimeValue(now));
            await purge.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        });
    }

    // Two claims of one key in a batch: the first inserts, the second finds it unexpired and changes nothing.
    private async Task<bool> ClaimAsync(DbConnection connection, DbTransaction transaction, string key, TimeSpan ttl)
    {
        var now = timeProvider.GetUtcNow();
        await using var claim = connection.CreateCommand(Claim, transaction)
            .With("claim_key", key)
            .With("expires_at", database.ToTimeValue(now + ttl))
            .With("now", database.ToTimeValue(now));
        return await claim.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) == 1;
    }
}
