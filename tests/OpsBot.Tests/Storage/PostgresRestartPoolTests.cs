using System.Data.Common;
using OpsBot.Storage.Sql;
using OpsBot.Testing;

namespace OpsBot.Tests.Storage;

/// <summary>
/// A PostgreSQL restart cuts every pooled connection. Were the dead ones kept in the pool, each would fail one more
/// operation after the server is back (a runner's, a press's, a recovery scan's): a busy bot with 20 pooled connections
/// would see 20 failures spread over minutes. Npgsql drops them at the first broken one; the runner and a person's
/// decision count on that (they try once more, or back off), and this guards it across Npgsql upgrades.
/// </summary>
public sealed class PostgresRestartPoolTests
{
    [Fact]
    public async Task OpenConnection_AfterAServerRestart_AtMostOneOperationFails()
    {
        await using var server = await PostgresServer.StartAsync();
        await using var database = new PostgresStoreDatabase(await server.CreateDatabaseAsync());
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

    private static async Task SelectOneAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand("SELECT 1");
        Assert.Equal(1, await command.ExecuteScalarAsync());
    }
}
