using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;
using OpsBot.Storage;
using OpsBot.Storage.Migrations;
using OpsBot.Storage.Sql;

namespace OpsBot.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresFixture postgres, ITestOutputHelper output) : SqlStoreContract
{
    private readonly PostgresTestDatabase _database = new(postgres.Server);

    protected override TestDatabase Database => _database;

    [Fact]
    public void Server_IsARealPostgreSQL()
    {
        output.WriteLine($"PostgreSQL {postgres.Server.ServerVersion} started in {postgres.Server.StartupTime.TotalSeconds:0.00} s (initdb, start, role) in {postgres.Server.Directory}");

        Assert.Matches(@"^\d+(\.\d+)?", postgres.Server.ServerVersion);
        Assert.True(File.Exists(Path.Combine(postgres.Server.Directory, "data", "PG_VERSION")));
    }

    [Fact]
    public async Task WrongPassword_FailsTheStartAndTheReadinessCheck_WithoutEchoingIt()
    {
        var builder = new NpgsqlConnectionStringBuilder(await _database.ConnectionStringAsync()) { Password = "Sup3r-S3cret-Wr0ng" };
        await using var database = new PostgresStoreDatabase(builder.ToString());
        var start = new StoreMigrationService(database, TimeProvider.System, NullLogger<StoreMigrationService>.Instance);

        var error = await Assert.ThrowsAsync<StoreSchemaException>(() => start.StartingAsync(CancellationToken.None));
        var readiness = await new StoreReadinessCheck(database).CheckAsync();

        Assert.Contains($"Cannot open the Postgres store at 127.0.0.1:{postgres.Server.Port}/", error.Message, StringComparison.Ordinal);
        Assert.Contains("password authentication failed", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("Postgres at 127.0.0.1:", readiness, StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3r-S3cret-Wr0ng", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3r-S3cret-Wr0ng", readiness, StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3r-S3cret-Wr0ng", database.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableServer_ReadinessSaysNotReady()
    {
        var builder = new NpgsqlConnectionStringBuilder(await _database.ConnectionStringAsync()) { Port = 1, Timeout = 2 };
        await using var database = new PostgresStoreDatabase(builder.ToString());

        var result = await new StoreReadinessCheck(database).CheckAsync();

        Assert.StartsWith("Postgres at 127.0.0.1:1/", result, StringComparison.Ordinal);
        Assert.NotEqual("ok", result);
    }
}
