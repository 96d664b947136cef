using OpsBot.Storage.Sql;
using OpsBot.Testing;

namespace OpsBot.Tests.Storage;

/// <summary>A fresh database on the shared test server, created on first open.</summary>
public sealed class PostgresTestDatabase(PostgresServer server) : TestDatabase
{
    private readonly SemaphoreSlim _create = new(1, 1);
    private string? _connectionString;

    /// <summary>The database's connection string (creates it on first use).</summary>
    public async Task<string> ConnectionStringAsync()
    {
        await _create.WaitAsync();
        try
        {
            return _connectionString ??= await server.CreateDatabaseAsync();
        }
        finally
        {
            _create.Release();
        }
    }

    protected override async Task<StoreDatabase> CreateInstanceAsync() => new PostgresStoreDatabase(await ConnectionStringAsync());

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _create.Dispose();
    }
}
