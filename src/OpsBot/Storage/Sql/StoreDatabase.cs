using System.Data.Common;
using OpsBot.Storage.Migrations;

namespace OpsBot.Storage.Sql;

/// <summary>
/// One SQL database behind every store: connections, the provider's way of storing a time, and its
/// migrations. The stores (<see cref="SqlWorkflowStore"/>, <see cref="SqlAuditLog"/> …) share their SQL
/// text across providers; only schema and time encoding differ, and live here.
/// </summary>
public abstract class StoreDatabase : IAsyncDisposable
{
    protected StoreDatabase() => GroupCommit = new SqlGroupCommit(this);

    /// <summary>The one writer that commits the hot path's small writes together (claims, journal, audit).</summary>
    public SqlGroupCommit GroupCommit { get; }

    /// <summary><c>Sqlite</c> or <c>Postgres</c>, as in <c>Storage:Provider</c>.</summary>
    public abstract string Provider { get; }

    /// <summary>Where the data lives, safe to log: a file path, or host, port, database and user (never the password).</summary>
    public abstract string Location { get; }

    /// <summary>The numbered migrations of this provider, in order; the last one is the version this code expects.</summary>
    public abstract IReadOnlyList<Migration> Migrations { get; }

    /// <summary>An open connection of its own (pooled); the caller disposes it. Stores use <see cref="RunAsync{T}"/>.</summary>
    public abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="work"/> on a connection of its own, opened here and disposed after: every store's way in.
    /// When the server had ended that connection's session (it restarted or failed over since the pool last used the
    /// connection: the first use of each pooled connection then fails, though the server answers again), the work runs
    /// once more on a fresh connection. The server rolled back whatever that session had not committed, so the second
    /// try is safe for any work; every other failure, and a second one, is the caller's.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await work(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (IsSessionEndedByServer(error) && !cancellationToken.IsCancellationRequested)
        {
            // Once more below, on a fresh connection (the provider dropped the pool's other stale ones with this one).
        }
        finally
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        await using var fresh = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await work(fresh, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(Func<DbConnection, CancellationToken, Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(async (connection, token) =>
        {
            await work(connection, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// <paramref name="error"/> says the server ended the connection's session before the work got through, rolling back
    /// all it had not committed. Never for a provider without a server (SQLite: a file).
    /// </summary>
    protected virtual bool IsSessionEndedByServer(Exception error) => false;

    /// <summary>
    /// Begins the transaction a migration runs in, holding the database's migration lock until it ends,
    /// so that two replicas starting together migrate one after the other.
    /// </summary>
    public abstract Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken = default);

    /// <summary>The parameter value for a time column: the UTC instant, to the microsecond.</summary>
    public abstract object ToTimeValue(DateTimeOffset time);

    /// <summary>Reads a time column and its offset column back into the original <see cref="DateTimeOffset"/>.</summary>
    public abstract DateTimeOffset ReadTime(DbDataReader reader, int timeOrdinal, int offsetOrdinal);

    public abstract ValueTask DisposeAsync();
}
