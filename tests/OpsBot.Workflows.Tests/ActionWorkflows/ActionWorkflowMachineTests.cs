using OpsBot.Testing;
using OpsBot.Workflows.ActionWorkflows;
using OpsBot.Workflows.Approvals;
using OpsBot.Workflows.Machines;
using static OpsBot.Workflows.Tests.ActionWorkflows.Workflows;

namespace OpsBot.Workflows.Tests.ActionWorkflows;

/// <summary>
/// The action workflow on Stateless, step by step on one in-memory workflow. Like the store, each step gets a fresh
/// machine over the workflow (a decision happens at one instant), so the clock can move between steps.
/// </summary>
public sealed class ActionWorkflowMachineTests
{
    private readonly ManualTimeProvider _clock = Clock();
    private readonly StubPermissions _permissions = Permissions();

    private ActionWorkflowMachine On(ActionWorkflow workflow, StubPermissions? permissions = null) =>
        ActionWorkflowMachine.Create(workflow, permissions ?? _permissions, _clock);

    private async Task<ActionWorkflow> SubmittedAsync(ApprovalRuleFor rule = default)
    {
        var workflow = New(Rule(rule.Approvals == 0 ? 1 : rule.Approvals, rule.Self, rule.BreakGlass ?? "none", rule.AutoRevert ?? true));
        Assert.Null(await On(workflow).SubmitAsync());
        return workflow;
    }

    private async Task<ActionWorkflow> VerificationFailedAsync(bool autoRevert)
    {
        var workflow = await SubmittedAsync(new ApprovalRuleFor { AutoRevert = autoRevert });
        Assert.Null(await On(workflow).ApproveAsync(Bob));
        Assert.Null(await On(workflow).StartExecutionAsync());
        Assert.Null(await On(workflow).RecordExecutedAsync(new ExecutionReport("patched", TimeSpan.FromMinutes(5))));
        Assert.Null(await On(workflow).RecordVerificationFailedAsync(new VerificationReport("pods crash", ["frontend-1: CrashLoopBackOff"])));
        return workflow;
    }

    [Fact]
    public void Mermaid_IsStatelessExportOfTheDeclaredMachine()
    {
        Assert.Equal(
            """
            stateDiagram-v2
            	state Decision1 <<choice>>
            	Proposed --> AwaitingApproval : Submit / open the approval window
            	Proposed --> Approved : BreakGlass / record who broke the glass and why [a reason is given] [policy allows break-glass for the requester]
            	AwaitingApproval --> Rejected : Reject / record who rejected and why [rejecter holds approve on the namespace]
            	AwaitingApproval --> Cancelled : Cancel / record who cancelled [only the requester cancels]
            	AwaitingApproval --> Expired : Expire [the approval window has passed]
            	AwaitingApproval --> Decision1 : Approve [approver holds approve on the namespace] [approver is not the requester unless policy allows] [each approver counts once] [the approval window is open]
            	Decision1 --> Approved : Approve / record the approval [enough approvals]
            	Decision1 --> AwaitingApproval : Approve / record the approval [more approvals needed]
            	Approved --> Executing : StartExecution / note the start
            	Executing --> Verifying : Executed / set the verification deadline
            	Executing --> Failed : ExecutionFailed / record the error
            	Verifying --> Succeeded : Verified / record the evidence
            	Verifying --> VerificationFailed : VerificationFailed / record the evidence
            	VerificationFailed --> Reverting : Revert / record who asked [auto-revert by policy, or the presser holds act on the namespace]
            	Reverting --> Reverted : Reverted
            	Reverting --> Failed : RevertFailed / record the error
            [*] --> Proposed
            """.ReplaceLineEndings("\n"),
            ActionWorkflowMachine.Mermaid.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Mermaid_IsTheGraphDocsWorkflowsMdShows()
    {
        var docs = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "docs", "WORKFLOWS.md"));

        Assert.Contains("```mermaid\n" + ActionWorkflowMachine.Mermaid.ReplaceLineEndings("\n") + "\n```", docs.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Info_EveryStateTakesEachTriggerThroughOneTransition()
    {
        // Stateless reports the unmet guards of one transition only: two for one trigger would blur a refusal's reasons.
        var competing = ActionWorkflowMachine.Info.States
            .SelectMany(state => state.FixedTransitions.Select(transition => (State: state.UnderlyingState, Trigger: transition.Trigger.UnderlyingTrigger))
                .Concat(state.DynamicTransitions.Select(transition => (State: state.UnderlyingState, Trigger: transition.Trigger.UnderlyingTrigger))))
            .GroupBy(pair => pair)
            .Where(group => group.Count() > 1)
            .Select(group => group.Key);

        Assert.Empty(competing);
        Assert.Equal(Enum.GetValues<ActionWorkflowState>().Length, ActionWorkflowMachine.Info.States.Count());
    }

    [Fact]
    public async Task Submit_OpensTheApprovalWindow()
    {
        var workflow = await SubmittedAsync();

        Assert.Equal(ActionWorkflowState.AwaitingApproval, workflow.State);
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromMinutes(15), workflow.ExpiresAt);
        var submitted = Assert.Single(workflow.History);
        Assert.Equal((ActionWorkflowTrigger.Submit, Alice, ActionWorkflowState.Proposed, ActionWorkflowState.AwaitingApproval), (submitted.Trigger, submitted.By, submitted.From, submitted.To));
    }

    [Fact]
    public async Task Approve_ByTheRequester_IsRefusedFourEyes()
    {
        var workflow = await SubmittedAsync();

        var refused = await On(workflow).ApproveAsync(Alice with { Channel = "elsewhere" });

        Assert.Equal(["approver is not the requester unless policy allows"], refused!.UnmetGuards);
        Assert.Equal(ActionWorkflowState.AwaitingApproval, workflow.State);
        Assert.Empty(workflow.Approvals);
        Assert.Single(workflow.History);
    }

    [Fact]
    public async Task Approve_ByTheRequesterFromAnotherPlatform_IsRefusedFourEyes()
    {
        var workflow = New(requestedBy: Alice with { Person = "alice@example.com" });
        var aliceInTeams = new Actor("teams", "29:alice-object-id", "19:incident") { Person = "alice@example.com" };
        Assert.Null(await On(workflow).SubmitAsync());

        var refused = await On(workflow, Permissions().Grant(aliceInTeams.Key, WorkflowPermission.Approve)).ApproveAsync(aliceInTeams);

        Assert.Equal(["approver is not the requester unless policy allows"], refused!.UnmetGuards);
    }

    [Fact]
    public async Task Approve_ByTheRequesterWhenPolicyAllows_Approves()
    {
        var workflow = await SubmittedAsync(new ApprovalRuleFor { Self = true });

        Assert.Null(await On(workflow).ApproveAsync(Alice));

        Assert.Equal(ActionWorkflowState.Approved, workflow.State);
        Assert.Null(workflow.ExpiresAt);
        Assert.Equal(Alice, Assert.Single(workflow.Approvals).By);
    }

    [Fact]
    public async Task Approve_WithoutApprovePermission_IsRefused()
    {
        var workflow = await SubmittedAsync();

        var refused = await On(workflow).ApproveAsync(Carol);

        Assert.Equal(["approver holds approve on the namespace"], refused!.UnmetGuards);
        Assert.Equal(ActionWorkflowState.AwaitingApproval, workflow.State);
    }

    [Fact]
    public async Task Approve_TwoRequiredByAViewer_NamesOnlyTheApproversGuards()
    {
        // The count only picks where an approval goes ("enough" or "more needed"): never a reason given to a person.
        var workflow = await SubmittedAsync(new ApprovalRuleFor { Approvals = 2 });

        var refused = await On(workflow).ApproveAsync(Carol);

        Assert.Equal(["approver holds approve on the namespace"], refused!.UnmetGuards);
    }

    [Fact]
    public async Task Approve_TwoRequired_FirstIsRecordedSecondApproves()
    {
        var workflow = await SubmittedAsync(new ApprovalRuleFor { Approvals = 2 });
        var window = workflow.ExpiresAt;

        Assert.Null(await On(workflow).ApproveAsync(Bob));
        var afterFirst = (workflow.State, workflow.ExpiresAt);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await On(workflow).ApproveAsync(Dave));

        Assert.Equal((ActionWorkflowState.AwaitingApproval, window), afterFirst);
        Assert.Equal(ActionWorkflowState.Approved, workflow.State);
        Assert.Null(workflow.ExpiresAt);
        Assert.Equal(["bob", "dave"], workflow.Approvals.Select(approval => approval.By.UserId));
        Assert.Equal(
            [(ActionWorkflowState.AwaitingApproval, ActionWorkflowState.AwaitingApproval, Bob), (ActionWorkflowState.AwaitingApproval, ActionWorkflowState.Approved, Dave)],
            workflow.History.Skip(1).Select(change => (change.From, change.To, change.By)));
    }

    [Fact]
    public async Task Approve_ThreeRequired_ApprovesOnTheThirdDistinctApprover()
    {
        var workflow = await SubmittedAsync(new ApprovalRuleFor { Approvals = 3 });

        Assert.Null(await On(workflow).ApproveAsync(Bob));
        Assert.Null(await On(workflow).ApproveAsync(Dave));
        var afterTwo = workflow.State;
        var bobAgain = await On(workflow).ApproveAsync(Bob with { Name = "Bob B." });
        Assert.Null(await On(workflow).ApproveAsync(Erin));

        Assert.Equal(ActionWorkflowState.AwaitingApproval, afterTwo);
        Assert.Equal(["each approver counts once"], bobAgain!.UnmetGuards);
        Assert.Equal(ActionWorkflowState.Approved, workflow.State);
        Assert.Equal(3, workflow.ApprovalCount);
    }

    [Fact]
    public async Task Approve_SameApproverTwice_CountsOnce()
    {
        var workflow = await SubmittedAsync(new ApprovalRuleFor { Approvals = 2 });
        Assert.Null(await On(workflow).ApproveAsync(Bob));

        var refused = await On(workflow).ApproveAsync(Bob with { Channel = "another", Name = "Bob B." });

        Assert.Equal(["each approver counts once"], refused!.UnmetGuards);
        Assert.Equal(1, workflow.ApprovalCount);
        Assert.Equal(ActionWorkflowState.AwaitingApproval, workflow.State);
    }

    [Fact]
    public async Task Approve_AfterTheWindow_IsRefusedAndExpireMovesIt()
    {
        var workflow = await SubmittedAsync();
        var early = await On(workflow).ExpireAsync();
        _clock.Advance(TimeSpan.FromMinutes(15));

        var refused = await On(workflow).ApproveAsync(Bob);
        Assert.Null(await On(workflow).ExpireAsync());

        Assert.Equal(["the approval window has passed"], early!.UnmetGuards);
        Assert.Equal(["the approval window is open"], refused!.UnmetGuards);
        Assert.Equal(ActionWorkflowState.Expired, workflow.State);
        Assert.Null(workflow.ExpiresAt);
        Assert.Equal(_clock.GetUtcNow(), workflow.FinishedAt);
        Assert.Equal((ActionWorkflowTrigger.Expire, (Actor?)null), (workflow.History[^1].Trigger, workflow.History[^1].By));
    }

    [Fact]
    public async Task Approve_SeveralGuardsUnmet_NamesEachInDeclarationOrder()
    {
        var workflow = await SubmittedAsync();
        _clock.Advance(TimeSpan.FromHours(1));

        var refused = await On(workflow).ApproveAsync(Alice with { UserId = "ALICE" });

        Assert.Equal(["approver is not the requester unless policy allows", "the approval window is open"], refused!.UnmetGuards);
    }

    [Fact]
    public async Task Reject_ByAnApprover_RecordsTheReason()
    {
        var workflow = await SubmittedAsync();

        Assert.Null(await On(workflow).RejectAsync(Bob, "  wrong revision "));

        Assert.Equal(ActionWorkflowState.Rejected, workflow.State);
        Assert.Equal(new Decision(Bob, "wrong revision"), workflow.Decision);
        Assert.Equal(("wrong revision", Bob), (workflow.History[^1].Detail, workflow.History[^1].By));
        Assert.Null(workflow.ExpiresAt);
        Assert.Equal(_clock.GetUtcNow(), workflow.FinishedAt);
    }

    [Fact]
    public async Task Reject_WithABlankReason_RecordsNone()
    {
        var workflow = await SubmittedAsync();

        Assert.Null(await On(workflow).RejectAsync(Bob, "   "));

        Assert.Equal(new Decision(Bob, null), workflow.Decision);
    }

    [Fact]
    public async Task Reject_ByAViewer_IsRefused()
    {
        var workflow = await SubmittedAsync();

        var refused = await On(workflow).RejectAsync(Carol, null);

        Assert.Equal(["rejecter holds approve on the namespace"], refused!.UnmetGuards);
        Assert.Equal(ActionWorkflowState.AwaitingApproval, workflow.State);
    }

    [Fact]
    public async Task Cancel_OnlyByTheRequester()
    {
        var workflow = await SubmittedAsync();

        var refused = await On(workflow).CancelAsync(Bob);
        Assert.Null(await On(workflow).CancelAsync(Alice));

        Assert.Equal(["only the requester cancels"], refused!.UnmetGuards);
        Assert.Equal(ActionWorkflowState.Cancelled, workflow.State);
        Assert.Equal(new Decision(Alice, null), workflow.Decision);
    }

    [Fact]
    public async Task BreakGlass_NeedsAReasonAndPolicy()
    {
        var permissions = Permissions().Role(Alice.Key, "incident-commander");
        var noPolicy = New();
        var withPolicy = New(Rule(breakGlass: "role:incident-commander"));

        var noReason = await On(withPolicy, permissions).BreakGlassAsync(Alice, "  ");
        var notAllowed = await On(noPolicy, permissions).BreakGlassAsync(Alice, "checkout down");
        Assert.Null(await On(withPolicy, permissions).BreakGlassAsync(Alice, " checkout down "));

        Assert.Equal(["a reason is given"], noReason!.UnmetGuards);
        Assert.Equal(["policy allows break-glass for the requester"], notAllowed!.UnmetGuards);
        Assert.Equal(ActionWorkflowState.Proposed, noPolicy.State);
        Assert.Empty(noPolicy.History);
        Assert.Equal(ActionWorkflowState.Approved, withPolicy.State);
        Assert.Equal(new Decision(Alice, "checkout down"), withPolicy.BreakGlass);
        Assert.Empty(withPolicy.Approvals);
        Assert.Null(withPolicy.ExpiresAt);
        var broken = Assert.Single(withPolicy.History);
        Assert.Equal((ActionWorkflowTrigger.BreakGlass, Alice, " checkout down "), (broken.Trigger, broken.By, broken.Detail));
    }

    [Fact]
    public async Task BreakGlass_ByPermissionPolicy_AsksForThePermissionOnTheNamespace()
    {
        var actPolicy = New(Rule(breakGlass: "act"));
        var adminPolicy = New(Rule(breakGlass: "admin"));

        Assert.Null(await On(actPolicy).BreakGlassAsync(Alice, "checkout down"));
        var refused = await On(adminPolicy).BreakGlassAsync(Alice, "checkout down");

        Assert.Equal(ActionWorkflowState.Approved, actPolicy.State);
        Assert.Equal(["policy allows break-glass for the requester"], refused!.UnmetGuards);
    }

    [Fact]
    public async Task Run_ApprovedToSucceeded_RecordsResultsDeadlineAndHistory()
    {
        var workflow = await SubmittedAsync();
        Assert.Null(await On(workflow).ApproveAsync(Bob));
        _clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Null(await On(workflow).StartExecutionAsync());
        Assert.Null(await On(workflow).RecordExecutedAsync(new ExecutionReport("patched", TimeSpan.FromMinutes(5))));
        _clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Null(await On(workflow).RecordVerifiedAsync(new VerificationReport("5/5 ready", ["frontend: 5/5 ready"])));

        Assert.Equal(ActionWorkflowState.Succeeded, workflow.State);
        Assert.True(workflow.IsFinished);
        Assert.Equal("patched", workflow.ApplyResult);
        Assert.Equal(workflow.ExecutionStartedAt + TimeSpan.FromMinutes(5), workflow.VerifyBy);
        Assert.Equal(TimeSpan.FromSeconds(40), workflow.FinishedAt - workflow.ExecutionStartedAt);
        Assert.Equal(new VerificationReport("5/5 ready", ["frontend: 5/5 ready"]).Evidence, workflow.Verification?.Evidence);
        Assert.Equal(
            [
                (ActionWorkflowTrigger.Submit, ActionWorkflowState.Proposed, ActionWorkflowState.AwaitingApproval, (Actor?)Alice, (string?)null),
                (ActionWorkflowTrigger.Approve, ActionWorkflowState.AwaitingApproval, ActionWorkflowState.Approved, Bob, null),
                (ActionWorkflowTrigger.StartExecution, ActionWorkflowState.Approved, ActionWorkflowState.Executing, null, null),
                (ActionWorkflowTrigger.Executed, ActionWorkflowState.Executing, ActionWorkflowState.Verifying, null, "patched"),
                (ActionWorkflowTrigger.Verified, ActionWorkflowState.Verifying, ActionWorkflowState.Succeeded, null, "5/5 ready"),
            ],
            workflow.History.Select(change => (change.Trigger, change.From, change.To, change.By, change.Detail)));
        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(43)],
            workflow.History.Select(change => change.At - workflow.History[0].At));
    }

    [Fact]
    public async Task ExecutionFailed_EndsFailedWithTheError()
    {
        var workflow = await SubmittedAsync();
        Assert.Null(await On(workflow).ApproveAsync(Bob));
        Assert.Null(await On(workflow).StartExecutionAsync());

        Assert.Null(await On(workflow).RecordExecutionFailedAsync("deployment frontend: the object has been modified"));

        Assert.Equal(ActionWorkflowState.Failed, workflow.State);
        Assert.Equal("deployment frontend: the object has been modified", workflow.Error);
        Assert.Equal(_clock.GetUtcNow(), workflow.FinishedAt);
    }

    [Fact]
    public async Task Revert_WithoutAutoRevert_OnlyAPersonWithAct()
    {
        var workflow = await VerificationFailedAsync(autoRevert: false);

        var automatic = await On(workflow).StartAutomaticRevertAsync();
        var byViewer = await On(workflow).RevertAsync(Dave);
        Assert.Null(await On(workflow).RevertAsync(Bob));
        Assert.Null(await On(workflow).RecordRevertedAsync("spec.replicas=3"));

        Assert.Equal(["auto-revert by policy, or the presser holds act on the namespace"], automatic!.UnmetGuards);
        Assert.Equal(automatic.UnmetGuards, byViewer!.UnmetGuards);
        Assert.Equal(ActionWorkflowState.Reverted, workflow.State);
        Assert.Equal(Bob, workflow.RevertRequestedBy);
        Assert.Equal("pods crash", workflow.Verification?.Summary);
        Assert.Equal((ActionWorkflowTrigger.Revert, Bob), (workflow.History[^2].Trigger, workflow.History[^2].By));
        Assert.Equal("spec.replicas=3", workflow.History[^1].Detail);
    }

    [Fact]
    public async Task Revert_WithAutoRevert_TheBotRevertsAndRecordsNoPerson()
    {
        var workflow = await VerificationFailedAsync(autoRevert: true);

        Assert.Null(await On(workflow).StartAutomaticRevertAsync());

        Assert.Equal(ActionWorkflowState.Reverting, workflow.State);
        Assert.Null(workflow.RevertRequestedBy);
        Assert.Null(workflow.History[^1].By);
    }

    [Fact]
    public async Task RevertFailed_EndsFailedWithTheError()
    {
        var workflow = await VerificationFailedAsync(autoRevert: true);
        Assert.Null(await On(workflow).StartAutomaticRevertAsync());

        Assert.Null(await On(workflow).RecordRevertFailedAsync("deployment frontend was deleted"));

        Assert.Equal(ActionWorkflowState.Failed, workflow.State);
        Assert.Equal("deployment frontend was deleted", workflow.Error);
        Assert.Null(workflow.RevertRequestedBy);
    }

    [Fact]
    public async Task Approve_InAnyStateButAwaitingApproval_IsRefusedByStateAndSaysWhatIsAllowed()
    {
        var workflow = await SubmittedAsync();
        Assert.Null(await On(workflow).ApproveAsync(Bob));

        var refused = await On(workflow).ApproveAsync(Dave);

        Assert.True(refused!.IsWrongState);
        Assert.Empty(refused.UnmetGuards);
        Assert.Equal("'Approve' is not possible while the workflow is Approved.", refused.Message);
        Assert.Equal(["StartExecution"], refused.Permitted.Select(permitted => permitted.ToString()));
        Assert.Equal(2, workflow.History.Count);
    }

    [Fact]
    public async Task PermittedNow_AwaitingApproval_OffersTheDecisionsWithWhoMayTakeThem()
    {
        var workflow = await SubmittedAsync();

        var permitted = On(workflow).PermittedNow();

        Assert.Equal(
            [
                "Reject (needs: rejecter holds approve on the namespace)",
                "Cancel (needs: only the requester cancels)",
                "Expire (needs: the approval window has passed)",
                "Approve (needs: approver holds approve on the namespace; approver is not the requester unless policy allows; each approver counts once; the approval window is open)",
            ],
            permitted.Select(trigger => trigger.ToString()));
    }

    [Fact]
    public async Task Steps_OnAFinishedWorkflow_AreAllRefusedAndChangeNothing()
    {
        var workflow = await SubmittedAsync();
        Assert.Null(await On(workflow).CancelAsync(Alice));
        var history = workflow.History.Count;

        TriggerRefusal?[] refusals =
        [
            await On(workflow).ApproveAsync(Bob),
            await On(workflow).RejectAsync(Bob, "late"),
            await On(workflow).CancelAsync(Alice),
            await On(workflow).ExpireAsync(),
            await On(workflow).StartExecutionAsync(),
            await On(workflow).RevertAsync(Bob),
        ];

        Assert.All(refusals, refusal => Assert.True(refusal is { IsWrongState: true, Permitted.Count: 0, State: "Cancelled" }));
        Assert.Equal(history, workflow.History.Count);
        Assert.Equal(ActionWorkflowState.Cancelled, workflow.State);
    }

    /// <summary>The parts of the rule a test varies.</summary>
    internal readonly record struct ApprovalRuleFor(int Approvals, bool Self, string? BreakGlass, bool? AutoRevert);
}
