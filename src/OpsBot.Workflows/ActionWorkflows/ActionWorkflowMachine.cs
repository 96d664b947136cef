using OpsBot.Workflows.Approvals;
using OpsBot.Workflows.Machines;
using Stateless;
using Stateless.Graph;
using Stateless.Reflection;
using static OpsBot.Workflows.ActionWorkflows.ActionWorkflowState;

namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>
/// The action workflow, declared in one place with Stateless (DESIGN.md "Workflows"):
/// <c>Proposed → AwaitingApproval → Approved → Executing → Verifying → Succeeded</c>, with Rejected,
/// Expired, Cancelled, Failed, and <c>VerificationFailed → Reverting → Reverted</c>. The state lives in the
/// <see cref="ActionWorkflow"/> (Stateless' accessor/mutator constructor), so it is persisted with it. The
/// machine only decides and records (approvals, reasons, history, expiry) on the copy it is given, at one
/// instant (every guard and record sees the same now); the store keeps the result optimistically and the host
/// does the side effects after the store accepted it. Fire it through the typed steps
/// (<c>ActionWorkflowMachine.Steps.cs</c>), which answer a refusal with the guards' descriptions.
/// </summary>
public sealed partial class ActionWorkflowMachine
{
    private readonly StateMachine<ActionWorkflowState, ActionWorkflowTrigger> _machine;
    private readonly StateMachine<ActionWorkflowState, ActionWorkflowTrigger>.TriggerWithParameters<Actor> _approve;
    private readonly StateMachine<ActionWorkflowState, ActionWorkflowTrigger>.TriggerWithParameters<Decision> _reject;
    private readonly StateMachine<ActionWorkflowState, ActionWorkflowTrigger>.TriggerWithParameters<Actor> _cancel;
    private readonly StateMachine<ActionWorkflowState, ActionWorkflowTrigger>.TriggerWithParameters<Decision> _breakGlass;
    private readonly StateMachine<ActionWorkflowState, ActionWorkflowTrigger>.TriggerWithParameters<ExecutionReport> _executed;
    private readonly StateMachine<ActionWorkflowState, ActionWorkflowTrigger>.TriggerWithParameters<string> _executionFailed;
    private readonly StateMachine<ActionWorkflowState, ActionWorkflowTrigger>.TriggerWithParameters<VerificationReport> _verified;
    private readonly StateMachine<ActionWorkflowState, ActionWorkflowTrigger>.TriggerWithParameters<VerificationReport> _verificationFailed;
    private readonly StateMachine<ActionWorkflowState, ActionWorkflowTrigger>.TriggerWithParameters<RevertRequest> _revert;
    private readonly StateMachine<ActionWorkflowState, ActionWorkflowTrigger>.TriggerWithParameters<string> _reverted;
    private readonly StateMachine<ActionWorkflowState, ActionWorkflowTrigger>.TriggerWithParameters<string> _revertFailed;

    private ActionWorkflowMachine(ActionWorkflow workflow, IPermissionChecker permissions, DateTimeOffset now)
    {
        var machine = _machine = new StateMachine<ActionWorkflowState, ActionWorkflowTrigger>(() => workflow.State, state => workflow.State = state);
        _approve = machine.SetTriggerParameters<Actor>(ActionWorkflowTrigger.Approve);
        _reject = machine.SetTriggerParameters<Decision>(ActionWorkflowTrigger.Reject);
        _cancel = machine.SetTriggerParameters<Actor>(ActionWorkflowTrigger.Cancel);
        _breakGlass = machine.SetTriggerParameters<Decision>(ActionWorkflowTrigger.BreakGlass);
        _executed = machine.SetTriggerParameters<ExecutionReport>(ActionWorkflowTrigger.Executed);
        _executionFailed = machine.SetTriggerParameters<string>(ActionWorkflowTrigger.ExecutionFailed);
        _verified = machine.SetTriggerParameters<VerificationReport>(ActionWorkflowTrigger.Verified);
        _verificationFailed = machine.SetTriggerParameters<VerificationReport>(ActionWorkflowTrigger.VerificationFailed);
        _revert = machine.SetTriggerParameters<RevertRequest>(ActionWorkflowTrigger.Revert);
        _reverted = machine.SetTriggerParameters<string>(ActionWorkflowTrigger.Reverted);
        _revertFailed = machine.SetTriggerParameters<string>(ActionWorkflowTrigger.RevertFailed);

        machine.Configure(Proposed)
            .Permit(ActionWorkflowTrigger.Submit, AwaitingApproval)
            .PermitIf(
                _breakGlass,
                Approved,
                Guard<Decision>(decision => !string.IsNullOrWhiteSpace(decision.Reason), "a reason is given"),
                Guard<Decision>(decision => BreakGlassPolicy.Allows(workflow.Rule.BreakGlass, decision.By, workflow.Namespace, permissions), "policy allows break-glass for the requester"));

        // One transition for Approve, so a refusal names only the approver's guards; the count picks where it goes.
        machine.Configure(AwaitingApproval)
            .OnEntryFrom(ActionWorkflowTrigger.Submit, () => workflow.ExpiresAt = now + workflow.Rule.Expiry, "open the approval window")
            .OnEntryFrom(_approve, approver => workflow.Approvals.Add(new Approval(approver, now)), "record the approval")
            .OnExit(
                transition =>
                {
                    if (!transition.IsReentry)
                    {
                        workflow.ExpiresAt = null;
                    }
                },
                "close the approval window")
            .PermitDynamicIf(
                _approve,
                _ => workflow.ApprovalCount + 1 >= workflow.Rule.RequiredApprovals ? Approved : AwaitingApproval,
                new DynamicStateInfos { { Approved, "enough approvals" }, { AwaitingApproval, "more approvals needed" } },
                Guard<Actor>(approver => permissions.Holds(approver, WorkflowPermission.Approve, workflow.Namespace), "approver holds approve on the namespace"),
                Guard<Actor>(approver => workflow.Rule.AllowSelfApproval || !approver.IsSameUser(workflow.RequestedBy), "approver is not the requester unless policy allows"),
                Guard<Actor>(approver => !workflow.HasApproved(approver), "each approver counts once"),
                Guard<Actor>(_ => now < workflow.ExpiresAt, "the approval window is open"))
            .PermitIf(_reject, Rejected, decision => permissions.Holds(decision.By, WorkflowPermission.Approve, workflow.Namespace), "rejecter holds approve on the namespace")
            .PermitIf(_cancel, Cancelled, canceller => canceller.IsSameUser(workflow.RequestedBy), "only the requester cancels")
            .PermitIf(ActionWorkflowTrigger.Expire, Expired, () => now >= workflow.ExpiresAt, "the approval window has passed");

        machine.Configure(Approved)
            .OnEntryFrom(_approve, approver => workflow.Approvals.Add(new Approval(approver, now)), "record the approval")
            .OnEntryFrom(_breakGlass, decision => workflow.BreakGlass = decision with { Reason = decision.Reason!.Trim() }, "record who broke the glass and why")
            .Permit(ActionWorkflowTrigger.StartExecution, Executing);

        machine.Configure(Rejected)
            .OnEntryFrom(_reject, decision => workflow.Decision = decision, "record who rejected and why");

        machine.Configure(Cancelled)
            .OnEntryFrom(_cancel, canceller => workflow.Decision = new Decision(canceller, null), "record who cancelled");

        machine.Configure(Executing)
            .OnEntryFrom(ActionWorkflowTrigger.StartExecution, () => workflow.ExecutionStartedAt = now, "note the start")
            .Permit(ActionWorkflowTrigger.Executed, Verifying)
            .Permit(ActionWorkflowTrigger.ExecutionFailed, Failed);

        machine.Configure(Verifying)
            .OnEntryFrom(
                _executed,
                report =>
                {
                    workflow.ApplyResult = report.Detail;
                    workflow.VerifyBy = now + report.VerificationDeadline;
                },
                "set the verification deadline")
            .Permit(ActionWorkflowTrigger.Verified, Succeeded)
            .Permit(ActionWorkflowTrigger.VerificationFailed, VerificationFailed);

        machine.Configure(VerificationFailed)
            .OnEntryFrom(_verificationFailed, report => workflow.Verification = report, "record the evidence")
            .PermitIf(
                _revert,
                Reverting,
                request => request.By is null ? workflow.Rule.AutoRevert : permissions.Holds(request.By, WorkflowPermission.Act, workflow.Namespace),
                "auto-revert by policy, or the presser holds act on the namespace");

        machine.Configure(Reverting)
            .OnEntryFrom(_revert, request => workflow.RevertRequestedBy = request.By, "record who asked")
            .Permit(ActionWorkflowTrigger.Reverted, ActionWorkflowState.Reverted)
            .Permit(ActionWorkflowTrigger.RevertFailed, Failed);

        machine.Configure(Succeeded)
            .OnEntryFrom(_verified, report => workflow.Verification = report, "record the evidence");

        machine.Configure(Failed)
            .OnEntryFrom(_executionFailed, error => workflow.Error = error, "record the error")
            .OnEntryFrom(_revertFailed, error => workflow.Error = error, "record the error");

        machine.Configure(ActionWorkflowState.Reverted);
        machine.Configure(Expired);

        // Before the entry actions: every move (an approval that was one of several too) becomes one history entry.
        machine.OnTransitioned(transition =>
        {
            workflow.UpdatedAt = now;
            var argument = transition.Parameters.FirstOrDefault();
            var by = ActorOf(argument) ?? (transition.Trigger == ActionWorkflowTrigger.Submit ? workflow.RequestedBy : null);
            workflow.History.Add(new WorkflowEvent(now, transition.Source, transition.Destination, transition.Trigger, by, DetailOf(argument)));
            if (workflow.IsFinished)
            {
                workflow.FinishedAt = now;
            }
        });
    }

    /// <summary>The machine's states, transitions, guards and actions as Stateless describes them (what the graph is drawn from).</summary>
    public static StateMachineInfo Info { get; } = Create(Placeholder(), new NoPermissions(), TimeProvider.System)._machine.GetInfo();

    /// <summary>The graph as Stateless draws it in Mermaid (<c>MermaidGraph.Format</c>): a test compares it; the dashboard and docs show it.</summary>
    public static string Mermaid { get; } = MermaidGraph.Format(Info);

    public ActionWorkflowState State => _machine.State;

    /// <summary>A machine over <paramref name="workflow"/>, deciding at <paramref name="time"/>'s now: guards ask <paramref name="permissions"/>.</summary>
    public static ActionWorkflowMachine Create(ActionWorkflow workflow, IPermissionChecker permissions, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(time);
        return new ActionWorkflowMachine(workflow, permissions, time.GetUtcNow());
    }

    /// <summary>What the workflow's state takes now, each with its guards: what a refusal offers instead.</summary>
    public IReadOnlyList<PermittedTrigger> PermittedNow() => _machine.PermittedNow();

    private static Tuple<Func<T, bool>, string> Guard<T>(Func<T, bool> condition, string description) => Tuple.Create(condition, description);

    private static Actor? ActorOf(object? argument) => argument switch
    {
        Actor actor => actor,
        Decision decision => decision.By,
        RevertRequest request => request.By,
        _ => null,
    };

    private static string? DetailOf(object? argument) => argument switch
    {
        Decision decision => decision.Reason,
        ExecutionReport report => report.Detail,
        VerificationReport report => report.Summary,
        string text => text,
        _ => null,
    };

    private static ActionWorkflow Placeholder() => new()
    {
        Id = "graph",
        Kind = "any",
        Cluster = "any",
        Namespace = "any",
        Target = "any",
        RequestedBy = new Actor("console", "nobody", "none"),
        CreatedAt = DateTimeOffset.UnixEpoch,
        Rule = new ApprovalRule(1, false, TimeSpan.FromMinutes(15), BreakGlassPolicy.Nobody, AutoRevert: true),
        CommandText = string.Empty,
        Summary = string.Empty,
        Risk = "Low",
    };

    private sealed class NoPermissions : IPermissionChecker
    {
        public bool Holds(Actor actor, WorkflowPermission permission, string ns) => false;

        public bool HasRole(Actor actor, string role) => false;
    }
}
