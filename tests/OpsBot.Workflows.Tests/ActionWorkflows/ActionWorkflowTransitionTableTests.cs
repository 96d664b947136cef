using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Persistence;
using static OpsBot.Workflows.ActionWorkflows.ActionWorkflowState;
using static OpsBot.Workflows.Tests.ActionWorkflows.Workflows;

namespace OpsBot.Workflows.Tests.ActionWorkflows;

/// <summary>
/// Every step in every state, through the store's typed API: the permitted ones move the stored workflow where the
/// design says (with every guard made to hold), every other one is refused because of the state and stores nothing.
/// </summary>
public sealed class ActionWorkflowTransitionTableTests
{
    private static readonly Dictionary<(ActionWorkflowState From, string Step), (ActionWorkflowState To, ActionWorkflowTrigger Trigger)> Permitted = new()
    {
        [(Proposed, "Submit")] = (AwaitingApproval, ActionWorkflowTrigger.Submit),
        [(Proposed, "BreakGlass")] = (Approved, ActionWorkflowTrigger.BreakGlass),
        [(AwaitingApproval, "Approve")] = (Approved, ActionWorkflowTrigger.Approve),
        [(AwaitingApproval, "Reject")] = (Rejected, ActionWorkflowTrigger.Reject),
        [(AwaitingApproval, "Cancel")] = (Cancelled, ActionWorkflowTrigger.Cancel),
        [(AwaitingApproval, "Expire")] = (Expired, ActionWorkflowTrigger.Expire),
        [(Approved, "StartExecution")] = (Executing, ActionWorkflowTrigger.StartExecution),
        [(Executing, "RecordExecuted")] = (Verifying, ActionWorkflowTrigger.Executed),
        [(Executing, "RecordExecutionFailed")] = (Failed, ActionWorkflowTrigger.ExecutionFailed),
        [(Verifying, "RecordVerified")] = (Succeeded, ActionWorkflowTrigger.Verified),
        [(Verifying, "RecordVerificationFailed")] = (VerificationFailed, ActionWorkflowTrigger.VerificationFailed),
        [(VerificationFailed, "Revert")] = (Reverting, ActionWorkflowTrigger.Revert),
        [(VerificationFailed, "StartAutomaticRevert")] = (Reverting, ActionWorkflowTrigger.Revert),
        [(Reverting, "RecordReverted")] = (Reverted, ActionWorkflowTrigger.Reverted),
        [(Reverting, "RecordRevertFailed")] = (Failed, ActionWorkflowTrigger.RevertFailed),
    };

    // Each step as the host takes it, by people allowed to take it (alice requests with act and break-glass, bob approves).
    private static readonly Dictionary<string, Func<ActionWorkflowStore, ActionWorkflow, Task<TransitionOutcome>>> Steps = new()
    {
        ["Submit"] = (store, workflow) => store.SubmitAsync(workflow),
        ["BreakGlass"] = (store, workflow) => store.BreakGlassAsync(workflow, "checkout down"),
        ["Approve"] = (store, workflow) => store.ApproveAsync(workflow.Id, Bob),
        ["Reject"] = (store, workflow) => store.RejectAsync(workflow.Id, Bob, "wrong revision"),
        ["Cancel"] = (store, workflow) => store.CancelAsync(workflow.Id, Alice),
        ["Expire"] = (store, workflow) => store.ExpireAsync(workflow.Id),
        ["StartExecution"] = (store, workflow) => store.StartExecutionAsync(workflow.Id),
        ["RecordExecuted"] = (store, workflow) => store.RecordExecutedAsync(workflow.Id, new ExecutionReport("patched", TimeSpan.FromMinutes(5))),
        ["RecordExecutionFailed"] = (store, workflow) => store.RecordExecutionFailedAsync(workflow.Id, "refused by the cluster"),
        ["RecordVerified"] = (store, workflow) => store.RecordVerifiedAsync(workflow.Id, new VerificationReport("5/5 ready", [])),
        ["RecordVerificationFailed"] = (store, workflow) => store.RecordVerificationFailedAsync(workflow.Id, new VerificationReport("pods crash", [])),
        ["Revert"] = (store, workflow) => store.RevertAsync(workflow.Id, Bob),
        ["StartAutomaticRevert"] = (store, workflow) => store.StartAutomaticRevertAsync(workflow.Id),
        ["RecordReverted"] = (store, workflow) => store.RecordRevertedAsync(workflow.Id, "put back: spec.replicas=3"),
        ["RecordRevertFailed"] = (store, workflow) => store.RecordRevertFailedAsync(workflow.Id, "deployment frontend was deleted"),
    };

    public static TheoryData<ActionWorkflowState, string> EveryStateAndStep()
    {
        var data = new TheoryData<ActionWorkflowState, string>();
        foreach (var state in Enum.GetValues<ActionWorkflowState>())
        {
            foreach (var step in Steps.Keys)
            {
                data.Add(state, step);
            }
        }

        return data;
    }

    [Fact]
    public void Permitted_CoversEveryTriggerOfTheMachine()
    {
        Assert.Equal(
            Enum.GetValues<ActionWorkflowTrigger>().Order(),
            Permitted.Values.Select(move => move.Trigger).Distinct().Order());
        Assert.Equal(
            ActionWorkflowMachine.Info.States.Sum(state => state.FixedTransitions.Count() + state.DynamicTransitions.Count()),
            Permitted.Keys.Select(key => (key.From, Permitted[key].Trigger)).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(EveryStateAndStep))]
    public async Task Step_InState_MovesWhereTheDesignSaysOrIsRefusedByTheState(ActionWorkflowState state, string step)
    {
        var clock = Clock();
        var records = new InMemoryWorkflowStore();
        var store = new ActionWorkflowStore(records, Permissions(), clock);
        var workflow = New(Rule(breakGlass: "act", autoRevert: true));
        workflow.State = state;

        // The approval window is open for every step but Expire, which needs it passed.
        workflow.ExpiresAt = step == "Expire" ? clock.GetUtcNow() : clock.GetUtcNow() + TimeSpan.FromMinutes(10);
        var creates = step is "Submit" or "BreakGlass";
        if (!creates)
        {
            await records.CreateAsync(ActionWorkflowRecords.ToRecord(workflow));
        }

        var outcome = await Steps[step](store, workflow);

        var stored = await store.GetAsync(workflow.Id);
        if (Permitted.TryGetValue((state, step), out var move))
        {
            Assert.Equal(TransitionStatus.Changed, outcome.Status);
            Assert.Null(outcome.Refusal);
            Assert.Equal(move.To, stored!.State);
            Assert.Equal(creates ? 1 : 2, stored.Version);
            var change = Assert.Single(outcome.Events);
            Assert.Equal((state, move.To, move.Trigger), (change.From, change.To, change.Trigger));
            Assert.Equal(change, stored.History[^1]);
        }
        else
        {
            Assert.Equal(TransitionStatus.Refused, outcome.Status);
            Assert.True(outcome.Refusal!.IsWrongState, outcome.Refusal.Message);
            Assert.Equal(state.ToString(), outcome.Refusal.State);
            Assert.Empty(outcome.Events);
            if (creates)
            {
                Assert.Null(stored);
            }
            else
            {
                Assert.Equal((state, 1L), (stored!.State, stored.Version));
                Assert.Empty(stored.History);
            }
        }
    }
}
