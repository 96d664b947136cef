using OpsBot.Chat.Delivery;

namespace OpsBot.Tests.Storage;

public sealed class InMemoryConversationReferenceStoreTests : ConversationReferenceStoreContract
{
    private IConversationReferenceStore? _store;

    protected override Task<IConversationReferenceStore> OpenStoreAsync() => Task.FromResult(_store ??= new InMemoryConversationReferenceStore(Clock));
}
