using OpsBot.Storage.Sql;

namespace OpsBot.Storage;

/// <summary>
/// The persistent <see cref="IClaimStore"/>: one atomic upsert per claim. A new key is inserted; an existing
/// key is taken over only if its claim has expired (<c>ON CONFLICT … DO UPDATE … WHERE expires_at &lt;= now</c>);
/// one row changed means the caller won. Expired rows are purged at most once per <see cref="PurgeInterval"/>.
/// </summary>
public sealed class SqlClaimStore(StoreDatabase database, TimeProvider timeProvider) : IClaimStore
{
    /// <summary>How often a store deletes expired claims (on the next claim after the interval).</summary>
    public static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(1);

    // https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT and https://www.sqlite.org/lang_upsert.html
    private const string Claim = """
        INSERT INTO claims (claim_key, expires_at) VALUES (@claim_key, @expires_at)
        ON CONFLICT (claim_key) DO UPDATE SET expires_at = excluded.expires_at WHERE claims.expires_at <= @now
        """;

    private readonly Lock _purgeLock = new();
    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;

    public async Task<bool> TryClaimAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ClaimKeys.Validate(key, ttl);
        var now = timeProvider.GetUtcNow();
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (PurgeDue(now))
        {
            await using var purge = connection.CreateCommand("DELETE FROM claims WHERE expires_at <= @now").With("now", database.ToTimeValue(now));
            await purge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var claim = connection.CreateCommand(Claim)
            .With("claim_key", key)
            .With("expires_at", database.ToTimeValue(now + ttl))
            .With("now", database.ToTimeValue(now));
        return await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private bool PurgeDue(DateTimeOffset now)
    {
        lock (_purgeLock)
        {
            if (now < _nextPurge)
            {
                return false;
            }

            _nextPurge = now + PurgeInterval;
            return true;
        }
    }
}
