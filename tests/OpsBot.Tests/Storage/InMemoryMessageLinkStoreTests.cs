using OpsBot.Chat.Delivery;

namespace OpsBot.Tests.Storage;

public sealed class InMemoryMessageLinkStoreTests : MessageLinkStoreContract
{
    private IMessageLinkStore? _store;

    protected override Task<IMessageLinkStore> OpenStoreAsync() => Task.FromResult(_store ??= new InMemoryMessageLinkStore());
}
