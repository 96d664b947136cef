using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using OpsBot.Storage.Migrations;
using OpsBot.Storage.Sql;
using OpsBot.Testing;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.Storage;

/// <summary>The real host on its default store: SQLite in <c>Storage:DataDirectory</c>.</summary>
public sealed class SqliteStorageHostTests
{
    [Fact]
    public async Task ConsoleCommand_IsAuditedInTheSqliteFile_AndReadyzReportsTheStore()
    {
        using var data = new TempDirectory();
        await using var host = new OpsBotHost(("Storage:DataDirectory", data.Path));

        await StorageHostAssertions.CommandIsAuditedInTheStoreAndReadyzReportsItAsync(host, () => SqliteStoreDatabase.InDirectory(data.Path));

        Assert.True(File.Exists(Path.Combine(data.Path, "opsbot.db")));
    }

    [Fact]
    public async Task Start_LogsTheStoreAndItsSchemaVersion()
    {
        using var data = new TempDirectory();
        var logs = new CapturedLogs();
        await using var host = new OpsBotHost(("Storage:DataDirectory", data.Path));
        using var client = host.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs))).CreateClient();

        Assert.Contains($"Store: Sqlite at {Path.Combine(data.Path, "opsbot.db")}, schema version {SqliteMigrations.All.Count}", logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OnADatabaseFromANewerOpsBot_FailsWithWhatToDo()
    {
        using var data = new TempDirectory();
        await using (var database = SqliteStoreDatabase.InDirectory(data.Path))
        {
            await new SchemaMigrator(database, TimeProvider.System).MigrateAsync();
            await using var connection = await database.OpenConnectionAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_migrations (version, description, applied_at) VALUES (999, 'future', 'x')";
            await command.ExecuteNonQueryAsync();
        }

        await using var host = new OpsBotHost(("Storage:DataDirectory", data.Path));

        var error = Assert.Throws<StoreSchemaException>(() => host.CreateClient());
        Assert.Contains("schema version 999, newer than this OpsBot knows", error.Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
    }
}
