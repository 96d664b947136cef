using OpsBot.Incidents;
using OpsBot.Testing.Incidents;
using OpsBot.Tests.Storage;
using OpsBot.Workflows.Incidents.Persistence;

namespace OpsBot.Tests.Incidents;

[Collection(PostgresCollection.Name)]
public sealed class PostgresIncidentStoreTests(PostgresFixture postgres) : IncidentStoreContract
{
    private readonly PostgresTestDatabase _database = new(postgres.Server);

    protected override async Task<IIncidentStore> OpenStoreAsync() => new SqlIncidentStore(await _database.OpenAsync());

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
