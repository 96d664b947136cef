using OpsBot.Storage.Migrations;
using OpsBot.Storage.Sql;

namespace OpsBot.Storage;

/// <summary>
/// Migrates the store when the host starts, in <see cref="IHostedLifecycleService.StartingAsync"/>: before
/// any hosted service's <c>StartAsync</c>, so before the web server listens. A failure stops the start.
/// </summary>
public sealed partial class StoreMigrationService(StoreDatabase database, TimeProvider timeProvider, ILogger<StoreMigrationService> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        MigrationResult result;
        try
        {
            result = await new SchemaMigrator(database, timeProvider).MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException error)
        {
            // Provider messages name host, database and user, never the password.
            throw new StoreSchemaException($"Cannot open the {database.Provider} store at {database.Location}: {error.Message}. Check Storage:ConnectionString and that the database is reachable.", error);
        }

        LogReady(logger, database.Provider, database.Location, result.Version, result.Applied.Count);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Store: {Provider} at {Location}, schema version {Version} ({Applied} migrations applied now)")]
    private static partial void LogReady(ILogger logger, string provider, string location, int version, int applied);
}
