namespace OpsBot.Tests.ActionWorkflows;

/// <summary>Recovery, replicas and concurrent approvals with the workflows in memory (the reference store).</summary>
public sealed class InMemoryWorkflowRecoveryTests : WorkflowRecoveryContract
{
    private protected override Task<WorkflowWorld> StartAsync() => WorkflowWorld.StartAsync();
}
