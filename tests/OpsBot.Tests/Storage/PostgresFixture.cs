using OpsBot.Testing;

namespace OpsBot.Tests.Storage;

/// <summary>One real PostgreSQL server for the whole test run, shared by the <see cref="PostgresCollection"/>.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("PostgreSQL has not started.");

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
