using OpsBot.Chat.Delivery;
using OpsBot.Storage;

namespace OpsBot.Tests.Storage;

public sealed class SqliteClaimStoreTests : ClaimStoreContract
{
    private readonly SqliteTestDatabase _database = new();

    protected override async Task<IClaimStore> OpenStoreAsync() => new SqlClaimStore(await _database.OpenAsync(), Clock);

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
