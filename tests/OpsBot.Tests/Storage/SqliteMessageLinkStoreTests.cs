using OpsBot.Chat.Delivery;
using OpsBot.Storage;

namespace OpsBot.Tests.Storage;

public sealed class SqliteMessageLinkStoreTests : MessageLinkStoreContract
{
    private readonly SqliteTestDatabase _database = new();

    protected override async Task<IMessageLinkStore> OpenStoreAsync() => new SqlMessageLinkStore(await _database.OpenAsync());

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
