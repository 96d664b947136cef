using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OpsBot.Storage.Migrations;
using OpsBot.Storage.Sql;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.Storage;

/// <summary>The real host with <c>Storage:Provider=Postgres</c> against the test server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageHostTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly PostgresTestDatabase _database = new(postgres.Server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task ConsoleCommand_IsAuditedInPostgres_AndReadyzReportsTheStore_AndThePasswordIsNeverLogged()
    {
        var connectionString = await _database.ConnectionStringAsync();
        var logs = new CapturedLogs();
        await using var host = new OpsBotHost(("Storage:Provider", "Postgres"), ("Storage:ConnectionString", connectionString));
        await using var logged = host.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs)));

        await StorageHostAssertions.CommandIsAuditedInTheStoreAndReadyzReportsItAsync(logged, () => new PostgresStoreDatabase(connectionString));

        Assert.Contains($"Store: Postgres at 127.0.0.1:{postgres.Server.Port}/", logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(postgres.Server.Password, logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithoutAConnectionString_FailsWithWhatToSet()
    {
        await using var host = new OpsBotHost(("Storage:Provider", "Postgres"));

        var error = Assert.Throws<OptionsValidationException>(() => host.CreateClient());

        Assert.Contains("Storage:ConnectionString is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithAWrongPassword_FailsWithoutEchoingIt()
    {
        var wrong = new NpgsqlConnectionStringBuilder(await _database.ConnectionStringAsync()) { Password = "Wr0ng-But-Still-Secret" }.ToString();
        var logs = new CapturedLogs();
        await using var host = new OpsBotHost(("Storage:Provider", "Postgres"), ("Storage:ConnectionString", wrong));
        await using var logged = host.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs)));

        var error = Assert.Throws<StoreSchemaException>(() => logged.CreateClient());

        Assert.Contains("password authentication failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Wr0ng-But-Still-Secret", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Wr0ng-But-Still-Secret", logs.Text, StringComparison.Ordinal);
    }
}
