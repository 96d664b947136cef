using OpsBot.Storage;
using OpsBot.Tests.Storage;

namespace OpsBot.Tests.ActionWorkflows;

/// <summary>A transition and its audit entries in one PostgreSQL commit (a fresh database per test).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresWorkflowAuditCommitTests(PostgresFixture postgres) : WorkflowAuditCommitContract
{
    private protected override async Task<WorkflowWorld> StartAsync() =>
        await WorkflowWorld.StartAsync(StorageProviders.Postgres, await postgres.Server.CreateDatabaseAsync());
}
