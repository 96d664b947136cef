using Microsoft.Data.Sqlite;
using OpsBot.Storage;
using OpsBot.Storage.Sql;
using OpsBot.Testing;

namespace OpsBot.Tests.Storage;

public sealed class SqliteStoreTests : SqlStoreContract
{
    private readonly SqliteTestDatabase _database = new();

    protected override TestDatabase Database => _database;

    [Fact]
    public async Task Open_UsesWalModeAndABusyTimeout()
    {
        var database = await _database.OpenAsync();
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();

        command.CommandText = "PRAGMA journal_mode";
        var journal = (string?)await command.ExecuteScalarAsync();
        command.CommandText = "PRAGMA busy_timeout";
        var busyTimeout = (long?)await command.ExecuteScalarAsync();

        Assert.Equal("wal", journal);
        Assert.True(busyTimeout >= 1000, $"busy_timeout is {busyTimeout} ms");
    }

    [Fact]
    public async Task Open_FromOptions_CreatesTheDataDirectoryAndOneFile()
    {
        using var temp = new TempDirectory();
        var directory = Path.Combine(temp.Path, "nested", "data");

        await using var database = StorageProviders.Open(new StorageOptions { DataDirectory = directory });
        await new OpsBot.Storage.Migrations.SchemaMigrator(database, TimeProvider.System).MigrateAsync();

        Assert.Equal(("Sqlite", Path.Combine(directory, "opsbot.db")), (database.Provider, database.Location));
        Assert.True(File.Exists(Path.Combine(directory, "opsbot.db")));
    }

    [Fact]
    public void Open_InMemoryDatabase_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SqliteStoreDatabase("Data Source=:memory:"));

        Assert.Contains("needs a file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadinessCheck_UnreadableFile_SaysWhy()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("opsbot.db", "this is not a database, just text long enough to be read as a header .......");
        await using var database = new SqliteStoreDatabase(new SqliteConnectionStringBuilder { DataSource = path }.ToString());

        var result = await new StoreReadinessCheck(database).CheckAsync();

        Assert.StartsWith($"Sqlite at {path}: ", result, StringComparison.Ordinal);
        Assert.Contains("not a database", result, StringComparison.Ordinal);
    }
}
