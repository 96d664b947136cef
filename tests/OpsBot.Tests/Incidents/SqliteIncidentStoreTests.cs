using OpsBot.Incidents;
using OpsBot.Testing.Incidents;
using OpsBot.Tests.Storage;
using OpsBot.Workflows.Incidents.Persistence;

namespace OpsBot.Tests.Incidents;

public sealed class SqliteIncidentStoreTests : IncidentStoreContract
{
    private readonly SqliteTestDatabase _database = new();

    protected override async Task<IIncidentStore> OpenStoreAsync() => new SqlIncidentStore(await _database.OpenAsync());

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
