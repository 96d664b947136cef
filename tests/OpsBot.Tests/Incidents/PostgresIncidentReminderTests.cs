using OpsBot.Storage.Sql;
using OpsBot.Tests.Storage;

namespace OpsBot.Tests.Incidents;

[Collection(PostgresCollection.Name)]
public sealed class PostgresIncidentReminderTests(PostgresFixture postgres) : IncidentReminderContract
{
    private readonly PostgresTestDatabase _database = new(postgres.Server);

    protected override Task<StoreDatabase> OpenDatabaseAsync() => _database.OpenAsync();

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
