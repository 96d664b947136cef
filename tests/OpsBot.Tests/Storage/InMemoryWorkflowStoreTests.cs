using OpsBot.Workflows.Persistence;

namespace OpsBot.Tests.Storage;

/// <summary>The reference implementation passes the same contract: the SQL stores' semantics are its semantics.</summary>
public sealed class InMemoryWorkflowStoreTests : WorkflowStoreContract
{
    private readonly InMemoryWorkflowStore _store = new();

    protected override Task<IWorkflowStore> OpenStoreAsync() => Task.FromResult<IWorkflowStore>(_store);
}
