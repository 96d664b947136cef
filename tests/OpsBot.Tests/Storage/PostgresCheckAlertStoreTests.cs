using OpsBot.Checks;
using OpsBot.Storage;

namespace OpsBot.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresCheckAlertStoreTests(PostgresFixture postgres) : CheckAlertStoreContract
{
    private readonly PostgresTestDatabase _database = new(postgres.Server);

    protected override async Task<ICheckStore> OpenStoreAsync() => new SqlCheckStore(await _database.OpenAsync());

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
