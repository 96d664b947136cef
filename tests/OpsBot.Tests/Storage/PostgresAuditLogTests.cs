using OpsBot.Audit;
using OpsBot.Storage;

namespace OpsBot.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditLogTests(PostgresFixture postgres) : AuditLogContract
{
    private readonly PostgresTestDatabase _database = new(postgres.Server);

    protected override async Task<IAuditLog> OpenLogAsync() => new SqlAuditLog(await _database.OpenAsync());

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
