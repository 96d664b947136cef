using OpsBot.Storage;

namespace OpsBot.Tests.ActionWorkflows;

/// <summary>Recovery, replicas and concurrent approvals with the workflows in a SQLite file (each host its own connections).</summary>
public sealed class SqliteWorkflowRecoveryTests : WorkflowRecoveryContract
{
    private protected override Task<WorkflowWorld> StartAsync() => WorkflowWorld.StartAsync(StorageProviders.Sqlite);
}
