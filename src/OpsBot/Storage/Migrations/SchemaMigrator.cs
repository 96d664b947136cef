using System.Data.Common;
using OpsBot.Storage.Sql;

namespace OpsBot.Storage.Migrations;

/// <summary>
/// Brings a database to the schema this build expects: each pending migration in its own transaction,
/// under the database's migration lock, recorded in <c>schema_migrations</c>. Safe to run on every start
/// and from several replicas at once; refuses a database whose schema is newer than this build.
/// </summary>
public sealed class SchemaMigrator(StoreDatabase database, TimeProvider timeProvider)
{
    private const string CreateHistoryTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)";

    /// <summary>The version the last migration brings the schema to.</summary>
    public int LatestVersion => database.Migrations.Count == 0 ? 0 : database.Migrations[^1].Version;

    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken = default)
    {
        CheckNumbering(database.Migrations);
        var applied = new List<int>();
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            // One transaction per migration; the lock is taken first, then the version re-read, so a replica
            // that waited for another one sees its work and does not repeat it.
            await using var transaction = await database.BeginMigrationAsync(connection, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, CreateHistoryTable, cancellationToken).ConfigureAwait(false);
            var current = await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (current > LatestVersion)
            {
                throw new StoreSchemaException(
                    $"The {database.Provider} database at {database.Location} has schema version {current}, newer than this OpsBot knows (version {LatestVersion}). " +
                    "It was migrated by a newer OpsBot: run that version (or newer), or point Storage at another database.");
            }

            var next = database.Migrations.FirstOrDefault(migration => migration.Version > current);
            if (next is null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new MigrationResult(current, applied);
            }

            try
            {
                await ExecuteAsync(connection, transaction, next.Sql, cancellationToken).ConfigureAwait(false);
            }
            catch (DbException error)
            {
                throw new StoreSchemaException($"Migration {next.Version} ({next.Description}) failed on the {database.Provider} database at {database.Location}: {error.Message}", error);
            }

            await using (var record = connection.CreateCommand(
                "INSERT INTO schema_migrations (version, description, applied_at) VALUES (@version, @description, @applied_at)", transaction))
            {
                record.With("version", next.Version).With("description", next.Description)
                    .With("applied_at", timeProvider.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied.Add(next.Version);
        }
    }

    private static async Task<int> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", transaction);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(sql, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void CheckNumbering(IReadOnlyList<Migration> migrations)
    {
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migrations must be numbered 1, 2, 3 … without gaps; found {migrations[i].Version} at position {i + 1}.");
            }
        }
    }
}
