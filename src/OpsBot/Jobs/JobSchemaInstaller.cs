using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;
using OpsBot.Storage;

namespace OpsBot.Jobs;

/// <summary>
/// Installs (or upgrades) Hangfire's PostgreSQL schema in <see cref="IHostedLifecycleService.StartingAsync"/>, before the
/// job server starts, holding a session advisory lock: replicas starting together install one after the other (the
/// second finds the schema current). Hangfire's own start-up installer is switched off (<see cref="JobStorageFactory"/>).
/// SQLite needs nothing: its storage creates its tables in its own file.
/// </summary>
public sealed partial class JobSchemaInstaller(IOptions<StorageOptions> storage, IOptions<JobsOptions> jobs, HangfireLogAttachment logging, ILogger<JobSchemaInstaller> logger) : IHostedLifecycleService
{
    // An advisory lock key of our own ("OpsBotJb"), distinct from the store's migration lock.
    private const long LockKey = 0x4F7073426F744A62;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(logging); // Hangfire's installer logs: this host's logging is attached by now.
        if (storage.Value.Provider != StorageProviders.Postgres)
        {
            return;
        }

        await InstallAsync(storage.Value.ConnectionString ?? string.Empty, jobs.Value.PostgresSchema, cancellationToken).ConfigureAwait(false);
        LogInstalled(logger, jobs.Value.PostgresSchema);
    }

    /// <summary>Installs the schema under the lock; safe to call from many processes at once.</summary>
    public static async Task InstallAsync(string connectionString, string schema, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", LockKey);
            await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            // Hangfire's installer is synchronous; it reads the schema's version and applies only the missing scripts.
            PostgreSqlObjectsInstaller.Install(connection, schema);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", LockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Jobs: Hangfire schema {Schema} is current")]
    private static partial void LogInstalled(ILogger logger, string schema);
}
