using OpsBot.Testing;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.StateMachines;
using static OpsBot.Workflows.Tests.ActionWorkflows.Workflows;

namespace OpsBot.Workflows.Tests.ActionWorkflows;

public sealed class ActionWorkflowMachineTests
{
    private readonly ManualTimeProvider _clock = Clock();

    private async Task<(ActionWorkflow Workflow, StateMachine<ActionWorkflowState, ActionWorkflowTrigger> Machine)> SubmittedAsync(ApprovalRuleFor rule = default, StubPermissions? permissions = null)
    {
        var workflow = New(Rule(rule.Approvals == 0 ? 1 : rule.Approvals, rule.Self, rule.BreakGlass ?? "none", rule.AutoRevert ?? true));
        var machine = ActionWorkflowMachine.Create(workflow, permissions ?? Permissions(), _clock);
        await machine.FireAsync(ActionWorkflowTrigger.Submit);
        return (workflow, machine);
    }

    [Fact]
    public void Mermaid_IsTheDeclaredMachine()
    {
        Assert.Equal(
            """
            stateDiagram-v2
                [*] --> Proposed
                Proposed --> AwaitingApproval : Submit
                Proposed --> Approved : BreakGlass [a reason is given] [policy allows break-glass for the requester]
                AwaitingApproval --> Approved : Approve [approver holds approve on the namespace] [approver is not the requester unless policy allows] [each approver counts once] [the approval window is open] [enough approvals]
                AwaitingApproval --> AwaitingApproval : Approve [approver holds approve on the namespace] [approver is not the requester unless policy allows] [each approver counts once] [the approval window is open] [more approvals needed] (internal)
                AwaitingApproval --> Rejected : Reject [rejecter holds approve on the namespace]
                AwaitingApproval --> Cancelled : Cancel [only the requester cancels]
                AwaitingApproval --> Expired : Expire [the approval window has passed]
                Approved --> Executing : StartExecution
                Executing --> Verifying : Executed
                Executing --> Failed : ExecutionFailed
                Verifying --> Succeeded : Verified
                Verifying --> VerificationFailed : VerificationFailed
                VerificationFailed --> Reverting : Revert [auto-revert by policy, or the presser holds act on the namespace]
                Reverting --> Reverted : Reverted
                Reverting --> Failed : RevertFailed
                Rejected --> [*]
                Cancelled --> [*]
                Succeeded --> [*]
                Failed --> [*]
                Expired --> [*]
                Reverted --> [*]

            """.ReplaceLineEndings("\n"),
            ActionWorkflowMachine.Mermaid);
    }

    [Fact]
    public async Task Submit_OpensTheApprovalWindow()
    {
        var (workflow, _) = await SubmittedAsync();

        Assert.Equal(ActionWorkflowState.AwaitingApproval, workflow.State);
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromMinutes(15), workflow.ExpiresAt);
        var submitted = Assert.Single(workflow.History);
        Assert.Equal((ActionWorkflowTrigger.Submit, Alice), (submitted.Trigger, submitted.By));
    }

    [Fact]
    public async Task Approve_ByTheRequester_IsRefusedFourEyes()
    {
        var (workflow, machine) = await SubmittedAsync();

        var refused = await Assert.ThrowsAsync<TransitionRefusedException>(() => machine.FireAsync(ActionWorkflowMachine.Approve, Alice with { Channel = "elsewhere" }));

        Assert.Equal(["approver is not the requester unless policy allows"], refused.UnmetGuards);
        Assert.Equal(ActionWorkflowState.AwaitingApproval, workflow.State);
        Assert.Empty(workflow.Approvals);
    }

    [Fact]
    public async Task Approve_ByTheRequesterWhenPolicyAllows_Approves()
    {
        var (workflow, machine) = await SubmittedAsync(new ApprovalRuleFor { Self = true });

        await machine.FireAsync(ActionWorkflowMachine.Approve, Alice);

        Assert.Equal(ActionWorkflowState.Approved, workflow.State);
        Assert.Null(workflow.ExpiresAt);
    }

    [Fact]
    public async Task Approve_WithoutApprovePermission_IsRefused()
    {
        var (workflow, machine) = await SubmittedAsync();

        var refused = await Assert.ThrowsAsync<TransitionRefusedException>(() => machine.FireAsync(ActionWorkflowMachine.Approve, Carol));

        Assert.Equal(["approver holds approve on the namespace"], refused.UnmetGuards);
        Assert.Equal(ActionWorkflowState.AwaitingApproval, workflow.State);
    }

    [Fact]
    public async Task Approve_TwoRequired_FirstIsRecordedSecondApproves()
    {
        var (workflow, machine) = await SubmittedAsync(new ApprovalRuleFor { Approvals = 2 });

        await machine.FireAsync(ActionWorkflowMachine.Approve, Bob);
        var afterFirst = workflow.State;
        await machine.FireAsync(ActionWorkflowMachine.Approve, Dave);

        Assert.Equal(ActionWorkflowState.AwaitingApproval, afterFirst);
        Assert.Equal(ActionWorkflowState.Approved, workflow.State);
        Assert.Equal(["bob", "dave"], workflow.Approvals.Select(approval => approval.By.UserId));
        Assert.Equal(
            [(ActionWorkflowState.AwaitingApproval, ActionWorkflowState.AwaitingApproval), (ActionWorkflowState.AwaitingApproval, ActionWorkflowState.Approved)],
            workflow.History.Skip(1).Select(change => (change.From, change.To)));
    }

    [Fact]
    public async Task Approve_SameApproverTwice_CountsOnce()
    {
        var (workflow, machine) = await SubmittedAsync(new ApprovalRuleFor { Approvals = 2 });
        await machine.FireAsync(ActionWorkflowMachine.Approve, Bob);

        var refused = await Assert.ThrowsAsync<TransitionRefusedException>(() => machine.FireAsync(ActionWorkflowMachine.Approve, Bob with { Channel = "another", Name = "Bob B." }));

        Assert.Equal(["each approver counts once"], refused.UnmetGuards);
        Assert.Equal(1, workflow.ApprovalCount);
        Assert.Equal(ActionWorkflowState.AwaitingApproval, workflow.State);
    }

    [Fact]
    public async Task Approve_AfterTheWindow_IsRefusedAndExpireMovesIt()
    {
        var (workflow, machine) = await SubmittedAsync();
        var early = machine.WhyNot(ActionWorkflowTrigger.Expire);
        _clock.Advance(TimeSpan.FromMinutes(15));

        var refused = await Assert.ThrowsAsync<TransitionRefusedException>(() => machine.FireAsync(ActionWorkflowMachine.Approve, Bob));
        await machine.FireAsync(ActionWorkflowTrigger.Expire);

        Assert.Equal(["the approval window has passed"], early);
        Assert.Equal(["the approval window is open"], refused.UnmetGuards);
        Assert.Equal(ActionWorkflowState.Expired, workflow.State);
        Assert.Null(workflow.ExpiresAt);
        Assert.Equal(_clock.GetUtcNow(), workflow.FinishedAt);
    }

    [Fact]
    public async Task Reject_ByAnApprover_RecordsTheReason()
    {
        var (workflow, machine) = await SubmittedAsync();

        await machine.FireAsync(ActionWorkflowMachine.Reject, new Decision(Bob, "wrong revision"));

        Assert.Equal(ActionWorkflowState.Rejected, workflow.State);
        Assert.Equal(new Decision(Bob, "wrong revision"), workflow.Decision);
        Assert.Equal("wrong revision", workflow.History[^1].Detail);
    }

    [Fact]
    public async Task Reject_ByAViewer_IsRefused()
    {
        var (workflow, machine) = await SubmittedAsync();

        var refused = await Assert.ThrowsAsync<TransitionRefusedException>(() => machine.FireAsync(ActionWorkflowMachine.Reject, new Decision(Carol, null)));

        Assert.Equal(["rejecter holds approve on the namespace"], refused.UnmetGuards);
        Assert.Equal(ActionWorkflowState.AwaitingApproval, workflow.State);
    }

    [Fact]
    public async Task Cancel_OnlyByTheRequester()
    {
        var (workflow, machine) = await SubmittedAsync();

        var refused = await Assert.ThrowsAsync<TransitionRefusedException>(() => machine.FireAsync(ActionWorkflowMachine.Cancel, Bob));
        await machine.FireAsync(ActionWorkflowMachine.Cancel, Alice);

        Assert.Equal(["only the requester cancels"], refused.UnmetGuards);
        Assert.Equal(ActionWorkflowState.Cancelled, workflow.State);
        Assert.Equal(Alice, workflow.Decision?.By);
    }

    [Fact]
    public async Task BreakGlass_NeedsAReasonAndPolicy()
    {
        var permissions = Permissions().Role(Alice.Key, "incident-commander");
        var noPolicy = New();
        var withPolicy = New(Rule(breakGlass: "role:incident-commander"));
        var refusedByPolicy = ActionWorkflowMachine.Create(noPolicy, permissions, _clock);
        var machine = ActionWorkflowMachine.Create(withPolicy, permissions, _clock);

        var noReason = await Assert.ThrowsAsync<TransitionRefusedException>(() => machine.FireAsync(ActionWorkflowMachine.BreakGlass, new Decision(Alice, "  ")));
        var notAllowed = await Assert.ThrowsAsync<TransitionRefusedException>(() => refusedByPolicy.FireAsync(ActionWorkflowMachine.BreakGlass, new Decision(Alice, "checkout down")));
        await machine.FireAsync(ActionWorkflowMachine.BreakGlass, new Decision(Alice, " checkout down "));

        Assert.Equal(["a reason is given"], noReason.UnmetGuards);
        Assert.Equal(["policy allows break-glass for the requester"], notAllowed.UnmetGuards);
        Assert.Equal(ActionWorkflowState.Proposed, noPolicy.State);
        Assert.Equal(ActionWorkflowState.Approved, withPolicy.State);
        Assert.Equal(new Decision(Alice, "checkout down"), withPolicy.BreakGlass);
        Assert.Empty(withPolicy.Approvals);
    }

    [Fact]
    public async Task Run_ApprovedToSucceeded_RecordsResultsAndDeadline()
    {
        var (workflow, machine) = await SubmittedAsync();
        await machine.FireAsync(ActionWorkflowMachine.Approve, Bob);
        _clock.Advance(TimeSpan.FromSeconds(3));

        await machine.FireAsync(ActionWorkflowTrigger.StartExecution);
        await machine.FireAsync(ActionWorkflowMachine.Executed, new ExecutionReport("patched", TimeSpan.FromMinutes(5)));
        _clock.Advance(TimeSpan.FromSeconds(40));
        await machine.FireAsync(ActionWorkflowMachine.Verified, new VerificationReport("5/5 ready", ["frontend: 5/5 ready"]));

        Assert.Equal(ActionWorkflowState.Succeeded, workflow.State);
        Assert.Equal("patched", workflow.ApplyResult);
        Assert.Equal(workflow.ExecutionStartedAt + TimeSpan.FromMinutes(5), workflow.VerifyBy);
        Assert.Equal(TimeSpan.FromSeconds(40), workflow.FinishedAt - workflow.ExecutionStartedAt);
        Assert.Equal("5/5 ready", workflow.Verification?.Summary);
        Assert.Equal(
            [ActionWorkflowTrigger.Submit, ActionWorkflowTrigger.Approve, ActionWorkflowTrigger.StartExecution, ActionWorkflowTrigger.Executed, ActionWorkflowTrigger.Verified],
            workflow.History.Select(change => change.Trigger));
    }

    [Fact]
    public async Task Revert_AutomaticOnlyWhenPolicySaysSo_ByAPersonWithAct()
    {
        var (workflow, machine) = await SubmittedAsync(new ApprovalRuleFor { AutoRevert = false });
        await machine.FireAsync(ActionWorkflowMachine.Approve, Bob);
        await machine.FireAsync(ActionWorkflowTrigger.StartExecution);
        await machine.FireAsync(ActionWorkflowMachine.Executed, new ExecutionReport("patched", TimeSpan.FromMinutes(5)));
        await machine.FireAsync(ActionWorkflowMachine.VerificationFailed, new VerificationReport("pods crash", []));

        var automatic = machine.WhyNot(ActionWorkflowTrigger.Revert, RevertRequest.Automatic);
        var byViewer = machine.WhyNot(ActionWorkflowTrigger.Revert, new RevertRequest(Dave));
        await machine.FireAsync(ActionWorkflowMachine.Revert, new RevertRequest(Bob));
        await machine.FireAsync(ActionWorkflowMachine.Reverted, "spec.replicas=3");

        Assert.Equal(["auto-revert by policy, or the presser holds act on the namespace"], automatic);
        Assert.Equal(automatic, byViewer);
        Assert.Equal(ActionWorkflowState.Reverted, workflow.State);
        Assert.Equal(Bob, workflow.RevertRequestedBy);
        Assert.Equal("pods crash", workflow.Verification?.Summary);
    }

    [Fact]
    public async Task RevertFailed_EndsFailedWithTheError()
    {
        var (workflow, machine) = await SubmittedAsync();
        await machine.FireAsync(ActionWorkflowMachine.Approve, Bob);
        await machine.FireAsync(ActionWorkflowTrigger.StartExecution);
        await machine.FireAsync(ActionWorkflowMachine.Executed, new ExecutionReport("patched", TimeSpan.FromMinutes(5)));
        await machine.FireAsync(ActionWorkflowMachine.VerificationFailed, new VerificationReport("pods crash", []));

        await machine.FireAsync(ActionWorkflowMachine.Revert, RevertRequest.Automatic);
        await machine.FireAsync(ActionWorkflowMachine.RevertFailed, "deployment frontend was deleted");

        Assert.Equal(ActionWorkflowState.Failed, workflow.State);
        Assert.Equal("deployment frontend was deleted", workflow.Error);
        Assert.Null(workflow.RevertRequestedBy);
    }

    [Fact]
    public async Task Approve_InAnyStateButAwaitingApproval_IsRefusedByState()
    {
        var (_, machine) = await SubmittedAsync();
        await machine.FireAsync(ActionWorkflowMachine.Approve, Bob);

        var refused = await Assert.ThrowsAsync<TransitionRefusedException>(() => machine.FireAsync(ActionWorkflowMachine.Approve, Dave));

        Assert.Empty(refused.UnmetGuards);
        Assert.Equal("'Approve' is not possible while the workflow is Approved.", refused.Message);
    }

    /// <summary>The parts of the rule a test varies.</summary>
    internal readonly record struct ApprovalRuleFor(int Approvals, bool Self, string? BreakGlass, bool? AutoRevert);
}
