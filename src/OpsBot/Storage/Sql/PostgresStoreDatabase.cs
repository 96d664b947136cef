using System.Data.Common;
using Npgsql;
using OpsBot.Storage.Migrations;

namespace OpsBot.Storage.Sql;

/// <summary>
/// Production: PostgreSQL shared by every replica. Times are <c>timestamptz</c>; migrations hold a
/// transaction-scoped advisory lock so that replicas starting together migrate once.
/// </summary>
public sealed class PostgresStoreDatabase : StoreDatabase
{
    // "OpsBot" in ASCII, then the lock's purpose: any fixed number works as long as nobody else uses it.
    private const long MigrationLockKey = 0x4F70_7342_6F74_0001;

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>A database from an Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…</c>).</summary>
    public PostgresStoreDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "opsbot";
        }

        Location = $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username} as {builder.Username}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public override string Provider => "Postgres";

    public override string Location { get; }

    public override IReadOnlyList<Migration> Migrations => PostgresMigrations.All;

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    // https://www.postgresql.org/docs/current/errcodes-appendix.html: 57P01 admin_shutdown (a fast shutdown or restart: every
    // session's transaction is rolled back and the session ended, idle ones too, which the next use of a pooled connection
    // reads), 57P02 crash_shutdown (a server process crashed: every session is reset the same way).
    protected override bool IsSessionEndedByServer(Exception error) =>
        error is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown };

    // https://www.postgresql.org/docs/current/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS
    public override async Task<DbTransaction> BeginMigrationAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand("SELECT pg_advisory_xact_lock(@key)", transaction).With("key", MigrationLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override object ToTimeValue(DateTimeOffset time) => StoredTime.UtcInstant(time);

    public override DateTimeOffset ReadTime(DbDataReader reader, int timeOrdinal, int offsetOrdinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return StoredTime.Restore(reader.GetFieldValue<DateTime>(timeOrdinal), reader.GetInt32(offsetOrdinal));
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
