using System.Data.Common;
using OpsBot.Storage.Sql;
using OpsBot.Testing;

namespace OpsBot.Tests.Storage;

/// <summary>
/// A PostgreSQL restart cuts every pooled connection. Were the dead ones kept in the pool, each would fail one more
/// operation after the server is back (a runner's, a press's, a recovery scan's): a busy bot with 20 pooled connections
/// would see 20 failures spread over minutes. Npgsql drops them at the first broken one (guarded here across Npgsql
/// upgrades), and <see cref="StoreDatabase.RunAsync{T}"/>, every store's way in, runs the one failed use again on a fresh
/// connection, so no store call fails once the server answers again.
/// </summary>
public sealed class PostgresRestartPoolTests
{
    [Fact]
    public async Task OpenConnection_AfterAServerRestart_AtMostOneOperationFails()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var database = new PostgresStoreDatabase(await server.CreateDatabaseAsync());
        await FillThePoolAsync(database);

        await server.RestartAsync();
        var failures = 0;
        for (var i = 0; i < 10; i++)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync();
                await SelectOneAsync(connection);
            }
            catch (DbException)
            {
                failures++;
            }
        }

        Assert.True(failures <= 1, $"{failures} of 10 operations failed after the restart");
    }

    [Fact]
    public async Task RunAsync_AfterAServerRestart_EveryOperationSucceeds()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var database = new PostgresStoreDatabase(await server.CreateDatabaseAsync());
        await FillThePoolAsync(database);

        await server.RestartAsync();
        var attempts = 0;
        for (var i = 0; i < 10; i++)
        {
            await database.RunAsync(async (connection, token) =>
            {
                attempts++;
                await SelectOneAsync(connection);
            });
        }

        // The first use of a connection cut by the restart failed and ran again on a fresh one; the rest found the pool fresh.
        Assert.InRange(attempts, 10, 11);
    }

    [Fact]
    public async Task RunAsync_AFailureOtherThanAnEndedSession_IsNotTriedAgain()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var database = new PostgresStoreDatabase(await server.CreateDatabaseAsync());
        var attempts = 0;

        await Assert.ThrowsAnyAsync<DbException>(() => database.RunAsync(async (connection, token) =>
        {
            attempts++;
            await using var command = connection.CreateCommand("SELECT * FROM no_such_table");
            await command.ExecuteNonQueryAsync(token);
        }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task RunAsync_WhileTheServerIsDown_FailsAfterOneTry()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var database = new PostgresStoreDatabase(await server.CreateDatabaseAsync());
        await FillThePoolAsync(database);
        var attempts = 0;

        await server.TakeDownAsync();
        try
        {
            await Assert.ThrowsAnyAsync<DbException>(() => database.RunAsync(async (connection, token) =>
            {
                attempts++;
                await SelectOneAsync(connection);
            }));
        }
        finally
        {
            await server.BringUpAsync();
        }

        // A cut pooled connection, then a fresh one refused: tried once, and no retry loop while the server is away.
        Assert.Equal(1, attempts);
    }

    private static async Task FillThePoolAsync(PostgresStoreDatabase database)
    {
        var pooled = new List<DbConnection>();
        for (var i = 0; i < 10; i++)
        {
            var connection = await database.OpenConnectionAsync();
            await SelectOneAsync(connection);
            pooled.Add(connection);
        }

        foreach (var connection in pooled)
        {
            await connection.DisposeAsync();
        }
    }

    private static async Task SelectOneAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand("SELECT 1");
        Assert.Equal(1, await command.ExecuteScalarAsync());
    }
}
