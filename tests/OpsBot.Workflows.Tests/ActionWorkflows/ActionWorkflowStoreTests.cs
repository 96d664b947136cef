using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Persistence;
using static OpsBot.Workflows.Tests.ActionWorkflows.Workflows;

namespace OpsBot.Workflows.Tests.ActionWorkflows;

public sealed class ActionWorkflowStoreTests
{
    private readonly InMemoryWorkflowStore _records = new();
    private readonly ActionWorkflowStore _store;

    public ActionWorkflowStoreTests() => _store = new ActionWorkflowStore(_records, Permissions(), Clock());

    private Task<TransitionOutcome> SubmitAsync(ActionWorkflow workflow) =>
        _store.CreateAsync(workflow, (machine, token) => machine.FireAsync(ActionWorkflowTrigger.Submit, token));

    [Fact]
    public async Task Create_StoresTheSubmittedWorkflowWithItsColumns()
    {
        var outcome = await SubmitAsync(New());

        var record = await _records.GetAsync("wf1");
        Assert.Equal(TransitionStatus.Changed, outcome.Status);
        Assert.Equal("AwaitingApproval", record!.State);
        Assert.Equal("console:alice", record.RequestedBy);
        Assert.Equal(("rollback", "sim", "shop", "deployment/frontend"), (record.Kind, record.Cluster, record.Namespace, record.Target));
        Assert.NotNull(record.ExpiresAt);
        Assert.Equal(1, record.Version);
    }

    [Fact]
    public async Task Records_RoundTripEverything()
    {
        await SubmitAsync(New(Rule(approvals: 2, breakGlass: "role:ic", autoRevert: false)));
        await _store.FireAsync("wf1", (machine, token) => machine.FireAsync(ActionWorkflowMachine.Approve, Bob, token));

        var workflow = await _store.GetAsync("wf1");
        var again = ActionWorkflowRecords.FromRecord(ActionWorkflowRecords.ToRecord(workflow!));

        Assert.Equal(Rule(approvals: 2, breakGlass: "role:ic", autoRevert: false), again.Rule);
        Assert.Equal(Bob, Assert.Single(again.Approvals).By);
        Assert.Equal(workflow!.History, again.History);
        Assert.Equal(2, again.Version);
        Assert.Equal(Alice, again.RequestedBy);
    }

    [Fact]
    public async Task Fire_Refused_ChangesNothing()
    {
        await SubmitAsync(New());

        var outcome = await _store.FireAsync("wf1", (machine, token) => machine.FireAsync(ActionWorkflowMachine.Approve, Alice, token));

        Assert.Equal(TransitionStatus.Refused, outcome.Status);
        Assert.Equal(["approver is not the requester unless policy allows"], outcome.UnmetGuards);
        Assert.Equal(1, (await _records.GetAsync("wf1"))!.Version);
    }

    [Fact]
    public async Task Fire_UnknownId_IsNotFound()
    {
        var outcome = await _store.FireAsync("nope", (machine, token) => machine.FireAsync(ActionWorkflowMachine.Approve, Bob, token));

        Assert.Equal(TransitionStatus.NotFound, outcome.Status);
    }

    [Fact]
    public async Task Fire_FiftyConcurrentApprovals_ExactlyOneApproves()
    {
        await SubmitAsync(New());
        using var start = new ManualResetEventSlim();

        var presses = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await _store.FireAsync("wf1", (machine, token) => machine.FireAsync(ActionWorkflowMachine.Approve, Bob, token));
        })).ToList();
        start.Set();
        var outcomes = await Task.WhenAll(presses);

        var changed = Assert.Single(outcomes, outcome => outcome.Status == TransitionStatus.Changed);
        Assert.All(outcomes.Where(outcome => outcome != changed), outcome => Assert.Equal(TransitionStatus.Refused, outcome.Status));
        var stored = await _store.GetAsync("wf1");
        Assert.Equal(ActionWorkflowState.Approved, stored!.State);
        Assert.Single(stored.Approvals);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task Fire_ConflictingWriters_EachDecidesOnWhatIsStored()
    {
        await SubmitAsync(New(Rule(approvals: 2)));

        var outcomes = await Task.WhenAll(
            Task.Run(() => _store.FireAsync("wf1", (machine, token) => machine.FireAsync(ActionWorkflowMachine.Approve, Bob, token))),
            Task.Run(() => _store.FireAsync("wf1", (machine, token) => machine.FireAsync(ActionWorkflowMachine.Approve, Dave, token))));

        Assert.All(outcomes, outcome => Assert.Equal(TransitionStatus.Changed, outcome.Status));
        var stored = await _store.GetAsync("wf1");
        Assert.Equal(ActionWorkflowState.Approved, stored!.State);
        Assert.Equal(2, stored.ApprovalCount);
    }

    [Fact]
    public async Task List_ExpiringBy_FindsStaleRequests()
    {
        await SubmitAsync(New(id: "wf1"));
        var expiresAt = (await _store.GetAsync("wf1"))!.ExpiresAt!.Value;

        var before = await _store.ListAsync(new WorkflowQuery { States = ["AwaitingApproval"], ExpiringBy = expiresAt.AddSeconds(-1) });
        var at = await _store.ListAsync(new WorkflowQuery { States = ["AwaitingApproval"], ExpiringBy = expiresAt });

        Assert.Empty(before);
        Assert.Equal("wf1", Assert.Single(at).Id);
    }
}
