using OpsBot.Storage.Sql;
using OpsBot.Tests.Storage;

namespace OpsBot.Tests.Incidents;

public sealed class SqliteIncidentReminderTests : IncidentReminderContract
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<StoreDatabase> OpenDatabaseAsync() => _database.OpenAsync();

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
