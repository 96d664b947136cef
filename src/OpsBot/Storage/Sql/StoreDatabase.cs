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

    /// <summary>An open connection of its own (pooled); the caller disposes it.</summary>
    public abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default);

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
