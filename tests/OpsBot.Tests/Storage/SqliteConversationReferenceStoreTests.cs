using OpsBot.Chat.Delivery;
using OpsBot.Storage;

namespace OpsBot.Tests.Storage;

public sealed class SqliteConversationReferenceStoreTests : ConversationReferenceStoreContract
{
    private readonly SqliteTestDatabase _database = new();

    protected override async Task<IConversationReferenceStore> OpenStoreAsync() => new SqlConversationReferenceStore(await _database.OpenAsync(), Clock);

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
