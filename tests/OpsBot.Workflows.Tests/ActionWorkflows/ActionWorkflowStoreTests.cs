using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Persistence;
using static OpsBot.Workflows.Tests.ActionWorkflows.Workflows;

namespace OpsBot.Workflows.Tests.ActionWorkflows;

public sealed class ActionWorkflowStoreTests
{
    private readonly InMemoryWorkflowStore _records = new();
    private readonly ActionWorkflowStore _store;

    public ActionWorkflowStoreTests() => _store = new ActionWorkflowStore(_records, Permissions(), Clock());

    [Fact]
    public async Task Submit_StoresTheSubmittedWorkflowWithItsColumns()
    {
        var outcome = await _store.SubmitAsync(New());

        var record = await _records.GetAsync("wf1");
        Assert.Equal(TransitionStatus.Changed, outcome.Status);
        Assert.Equal(ActionWorkflowTrigger.Submit, Assert.Single(outcome.Events).Trigger);
        Assert.Equal("AwaitingApproval", record!.State);
        Assert.Equal("console:alice", record.RequestedBy);
        Assert.Equal(("rollback", "sim", "shop", "deployment/frontend"), (record.Kind, record.Cluster, record.Namespace, record.Target));
        Assert.NotNull(record.ExpiresAt);
        Assert.Equal(1, record.Version);
    }

    [Fact]
    public async Task BreakGlass_Refused_StoresNothingAndSaysWhy()
    {
        var outcome = await _store.BreakGlassAsync(New(Rule(breakGlass: "act")), "  ");

        Assert.Equal(TransitionStatus.Refused, outcome.Status);
        Assert.Equal(["a reason is given"], outcome.UnmetGuards);
        Assert.Null(await _records.GetAsync("wf1"));
    }

    [Fact]
    public async Task Records_RoundTripEverything()
    {
        await _store.SubmitAsync(New(Rule(approvals: 2, breakGlass: "role:ic", autoRevert: false)));
        await _store.ApproveAsync("wf1", Bob);

        var workflow = await _store.GetAsync("wf1");
        var again = ActionWorkflowRecords.FromRecord(ActionWorkflowRecords.ToRecord(workflow!));

        Assert.Equal(Rule(approvals: 2, breakGlass: "role:ic", autoRevert: false), again.Rule);
        Assert.Equal(Bob, Assert.Single(again.Approvals).By);
        Assert.Equal(workflow!.History, again.History);
        Assert.Equal(2, again.Version);
        Assert.Equal(Alice, again.RequestedBy);
    }

    [Fact]
    public async Task Approve_Refused_ChangesNothingAndSaysWhy()
    {
        await _store.SubmitAsync(New());

        var outcome = await _store.ApproveAsync("wf1", Alice);

        Assert.Equal(TransitionStatus.Refused, outcome.Status);
        Assert.Equal(["approver is not the requester unless policy allows"], outcome.UnmetGuards);
        Assert.Equal("'Approve' is not possible: approver is not the requester unless policy allows.", outcome.Refusal!.Message);
        Assert.Equal(ActionWorkflowState.AwaitingApproval, outcome.Workflow!.State);
        Assert.Empty(outcome.Events);
        Assert.Equal(1, (await _records.GetAsync("wf1"))!.Version);
    }

    [Fact]
    public async Task Steps_UnknownId_AreNotFound()
    {
        TransitionOutcome[] outcomes =
        [
            await _store.ApproveAsync("nope", Bob),
            await _store.RejectAsync("nope", Bob, null),
            await _store.ExpireAsync("nope"),
            await _store.RecordExecutedAsync("nope", new ExecutionReport("patched", TimeSpan.FromMinutes(1))),
        ];

        Assert.All(outcomes, outcome => Assert.Equal((TransitionStatus.NotFound, (ActionWorkflow?)null), (outcome.Status, outcome.Workflow)));
    }

    [Fact]
    public async Task Approve_FiftyConcurrentApprovals_ExactlyOneApproves()
    {
        await _store.SubmitAsync(New());
        using var start = new ManualResetEventSlim();

        var presses = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await _store.ApproveAsync("wf1", Bob);
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
    public async Task Approve_ConflictingWriters_EachDecidesOnWhatIsStored()
    {
        await _store.SubmitAsync(New(Rule(approvals: 2)));

        var outcomes = await Task.WhenAll(
            Task.Run(() => _store.ApproveAsync("wf1", Bob)),
            Task.Run(() => _store.ApproveAsync("wf1", Dave)));

        Assert.All(outcomes, outcome => Assert.Equal(TransitionStatus.Changed, outcome.Status));
        var stored = await _store.GetAsync("wf1");
        Assert.Equal(ActionWorkflowState.Approved, stored!.State);
        Assert.Equal(2, stored.ApprovalCount);
        Assert.Equal(3, stored.Version);
    }

    [Fact]
    public async Task Expire_TwoSweepersAtOnce_ExpireItOnce()
    {
        var clock = Clock();
        var store = new ActionWorkflowStore(_records, Permissions(), clock);
        await store.SubmitAsync(New());
        clock.Advance(TimeSpan.FromMinutes(15));

        var outcomes = await Task.WhenAll(Task.Run(() => store.ExpireAsync("wf1")), Task.Run(() => store.ExpireAsync("wf1")));

        Assert.Single(outcomes, outcome => outcome.Status == TransitionStatus.Changed);
        Assert.Single(outcomes, outcome => outcome.Status == TransitionStatus.Refused && outcome.Refusal!.IsWrongState);
        Assert.Equal(ActionWorkflowState.Expired, (await store.GetAsync("wf1"))!.State);
    }

    [Fact]
    public async Task Steps_ReturnOnlyTheHistoryTheyAdded()
    {
        await _store.SubmitAsync(New());
        await _store.ApproveAsync("wf1", Bob);
        await _store.StartExecutionAsync("wf1");

        var outcome = await _store.RecordExecutedAsync("wf1", new ExecutionReport("patched", TimeSpan.FromMinutes(5)));

        var executed = Assert.Single(outcome.Events);
        Assert.Equal((ActionWorkflowTrigger.Executed, "patched"), (executed.Trigger, executed.Detail));
        Assert.Equal(4, outcome.Workflow!.History.Count);
        Assert.Equal(4, outcome.Workflow.Version);
    }

    [Fact]
    public async Task List_ExpiringBy_FindsStaleRequests()
    {
        await _store.SubmitAsync(New(id: "wf1"));
        var expiresAt = (await _store.GetAsync("wf1"))!.ExpiresAt!.Value;

        var before = await _store.ListAsync(new WorkflowQuery { States = ["AwaitingApproval"], ExpiringBy = expiresAt.AddSeconds(-1) });
        var at = await _store.ListAsync(new WorkflowQuery { States = ["AwaitingApproval"], ExpiringBy = expiresAt });

        Assert.Empty(before);
        Assert.Equal("wf1", Assert.Single(at).Id);
    }
}
