using OpsBot.Storage;
using OpsBot.Tests.Storage;

namespace OpsBot.Tests.ActionWorkflows;

/// <summary>Recovery, replicas and concurrent approvals with the workflows in a real PostgreSQL (a fresh database per test).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresWorkflowRecoveryTests(PostgresFixture postgres) : WorkflowRecoveryContract
{
    private protected override async Task<WorkflowWorld> StartAsync() =>
        await WorkflowWorld.StartAsync(StorageProviders.Postgres, await postgres.Server.CreateDatabaseAsync());
}
