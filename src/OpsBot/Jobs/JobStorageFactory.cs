using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using OpsBot.Storage;

namespace OpsBot.Jobs;

/// <summary>Hangfire's storage for the configured <c>Storage:Provider</c>, one instance per host (never <c>JobStorage.Current</c>).</summary>
public static class JobStorageFactory
{
    public static JobStorage Create(StorageOptions storage, JobsOptions jobs)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(jobs);
        if (storage.Provider == StorageProviders.Postgres)
        {
            var options = new PostgreSqlStorageOptions
            {
                SchemaName = jobs.PostgresSchema,
                // JobSchemaInstaller installs the schema once, under a lock, before the server starts (two replicas
                // starting together on an empty database made Hangfire's own installer fail with
                // "could not find tuple for constraint").
                PrepareSchemaIfNecessary = false,
                QueuePollInterval = jobs.PollingInterval,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(storage.ConnectionString ?? string.Empty, options), options);
        }

        return new SQLiteStorage(SqlitePath(storage, jobs), new SQLiteStorageOptions { QueuePollInterval = jobs.PollingInterval });
    }

    /// <summary>The Hangfire SQLite file: beside opsbot.db (also when <c>Storage:ConnectionString</c> moves that file).</summary>
    public static string SqlitePath(StorageOptions storage, JobsOptions jobs)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(jobs);
        var directory = string.IsNullOrWhiteSpace(storage.ConnectionString)
            ? storage.DataDirectory
            : Path.GetDirectoryName(Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(storage.ConnectionString).DataSource)) ?? storage.DataDirectory;
        Directory.CreateDirectory(directory);
        return Path.GetFullPath(Path.Combine(directory, jobs.SqliteFile));
    }
}
