using OpsBot.Storage;
using OpsBot.Workflows.Persistence;

namespace OpsBot.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresWorkflowStoreTests(PostgresFixture postgres) : WorkflowStoreContract
{
    private readonly PostgresTestDatabase _database = new(postgres.Server);

    protected override async Task<IWorkflowStore> OpenStoreAsync() => new SqlWorkflowStore(await _database.OpenAsync());

    public override Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
