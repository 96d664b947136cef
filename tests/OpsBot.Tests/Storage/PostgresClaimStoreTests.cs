using OpsBot.Chat.Delivery;
using OpsBot.Storage;

namespace OpsBot.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresClaimStoreTests(PostgresFixture postgres) : ClaimStoreContract
{
    private readonly PostgresTestDatabase _database = new(postgres.Server);

    protected override async Task<IClaimStore> OpenStoreAsync() => new SqlClaimStore(await _database.OpenAsync(), Clock);

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
