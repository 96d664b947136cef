using OpsBot.Chat.Delivery;

namespace OpsBot.Tests.Storage;

public sealed class InMemoryClaimStoreTests : ClaimStoreContract
{
    private IClaimStore? _store;

    protected override Task<IClaimStore> OpenStoreAsync() => Task.FromResult(_store ??= new InMemoryClaimStore(Clock));
}
