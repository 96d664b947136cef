using OpsBot.Storage;

namespace OpsBot.Tests.ActionWorkflows;

/// <summary>A transition and its audit entries in one SQLite commit.</summary>
public sealed class SqliteWorkflowAuditCommitTests : WorkflowAuditCommitContract
{
    private protected override Task<WorkflowWorld> StartAsync() => WorkflowWorld.StartAsync(StorageProviders.Sqlite);
}
