using OpsBot.Audit;

namespace OpsBot.Tests.Storage;

public sealed class InMemoryAuditLogTests : AuditLogContract
{
    private IAuditLog? _store;

    protected override Task<IAuditLog> OpenLogAsync() => Task.FromResult(_store ??= new InMemoryAuditLog());
}
