using OpsBot.Audit;
using OpsBot.Storage;

namespace OpsBot.Tests.Storage;

public sealed class SqliteAuditLogTests : AuditLogContract
{
    private readonly SqliteTestDatabase _database = new();

    protected override async Task<IAuditLog> OpenLogAsync() => new SqlAuditLog(await _database.OpenAsync());

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
