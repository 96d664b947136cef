using OpsBot.Chat.Delivery;
using OpsBot.Storage;

namespace OpsBot.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresMessageLinkStoreTests(PostgresFixture postgres) : MessageLinkStoreContract
{
    private readonly PostgresTestDatabase _database = new(postgres.Server);

    protected override async Task<IMessageLinkStore> OpenStoreAsync() => new SqlMessageLinkStore(await _database.OpenAsync());

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
