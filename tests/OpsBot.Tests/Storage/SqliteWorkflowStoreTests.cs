using OpsBot.Storage;
using OpsBot.Workflows.Persistence;

namespace OpsBot.Tests.Storage;

public sealed class SqliteWorkflowStoreTests : WorkflowStoreContract
{
    private readonly SqliteTestDatabase _database = new();

    protected override async Task<IWorkflowStore> OpenStoreAsync() => new SqlWorkflowStore(await _database.OpenAsync());

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
