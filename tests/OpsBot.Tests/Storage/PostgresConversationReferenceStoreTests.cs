using OpsBot.Chat.Delivery;
using OpsBot.Storage;

namespace OpsBot.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresConversationReferenceStoreTests(PostgresFixture postgres) : ConversationReferenceStoreContract
{
    private readonly PostgresTestDatabase _database = new(postgres.Server);

    protected override async Task<IConversationReferenceStore> OpenStoreAsync() => new SqlConversationReferenceStore(await _database.OpenAsync(), Clock);

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
