using OpsBot.Workflows.Approvals;
using OpsBot.Workflows.StateMachines;
using static OpsBot.Workflows.ActionWorkflows.ActionWorkflowState;

namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>
/// The action workflow, declared in one place (DESIGN.md "Workflows"):
/// <c>Proposed → AwaitingApproval → Approved → Executing → Verifying → Succeeded</c>, with Rejected,
/// Expired, Cancelled, Failed, and <c>VerificationFailed → Reverting → Reverted</c>. The machine only
/// decides and records (approvals, reasons, history, expiry) on the <see cref="ActionWorkflow"/> it is
/// given; the host stores the result optimistically and does the side effects after the store accepted it.
/// </summary>
public static class ActionWorkflowMachine
{
    public static TriggerWithParameter<ActionWorkflowTrigger, Actor> Approve { get; } = Parameter<Actor>(ActionWorkflowTrigger.Approve);

    public static TriggerWithParameter<ActionWorkflowTrigger, Decision> Reject { get; } = Parameter<Decision>(ActionWorkflowTrigger.Reject);

    public static TriggerWithParameter<ActionWorkflowTrigger, Actor> Cancel { get; } = Parameter<Actor>(ActionWorkflowTrigger.Cancel);

    public static TriggerWithParameter<ActionWorkflowTrigger, Decision> BreakGlass { get; } = Parameter<Decision>(ActionWorkflowTrigger.BreakGlass);

    public static TriggerWithParameter<ActionWorkflowTrigger, ExecutionReport> Executed { get; } = Parameter<ExecutionReport>(ActionWorkflowTrigger.Executed);

    public static TriggerWithParameter<ActionWorkflowTrigger, string> ExecutionFailed { get; } = Parameter<string>(ActionWorkflowTrigger.ExecutionFailed);

    public static TriggerWithParameter<ActionWorkflowTrigger, VerificationReport> Verified { get; } = Parameter<VerificationReport>(ActionWorkflowTrigger.Verified);

    public static TriggerWithParameter<ActionWorkflowTrigger, VerificationReport> VerificationFailed { get; } = Parameter<VerificationReport>(ActionWorkflowTrigger.VerificationFailed);

    public static TriggerWithParameter<ActionWorkflowTrigger, RevertRequest> Revert { get; } = Parameter<RevertRequest>(ActionWorkflowTrigger.Revert);

    public static TriggerWithParameter<ActionWorkflowTrigger, string> Reverted { get; } = Parameter<string>(ActionWorkflowTrigger.Reverted);

    public static TriggerWithParameter<ActionWorkflowTrigger, string> RevertFailed { get; } = Parameter<string>(ActionWorkflowTrigger.RevertFailed);

    /// <summary>The machine's graph as a Mermaid state diagram (tests compare it; the dashboard and docs show it).</summary>
    public static string Mermaid { get; } = Create(Placeholder(), new NoPermissions(), TimeProvider.System).ToMermaid(Proposed);

    /// <summary>A machine over <paramref name="workflow"/>: guards ask <paramref name="permissions"/> and read the clock from <paramref name="time"/>.</summary>
    public static StateMachine<ActionWorkflowState, ActionWorkflowTrigger> Create(ActionWorkflow workflow, IPermissionChecker permissions, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(time);
        var machine = new StateMachine<ActionWorkflowState, ActionWorkflowTrigger>(() => workflow.State, state => workflow.State = state);

        // Who may approve: the same checks whether this approval completes the count or is one of several.
        (Func<Actor, bool>, string)[] approver =
        [
            (actor => permissions.Holds(actor, WorkflowPermission.Approve, workflow.Namespace), "approver holds approve on the namespace"),
            (actor => workflow.Rule.AllowSelfApproval || !actor.IsSameUser(workflow.RequestedBy), "approver is not the requester unless policy allows"),
            (actor => !workflow.HasApproved(actor), "each approver counts once"),
            (_ => time.GetUtcNow() < workflow.ExpiresAt, "the approval window is open"),
        ];

        machine.Configure(Proposed)
            .Permit(ActionWorkflowTrigger.Submit, AwaitingApproval)
            .PermitIf(
                BreakGlass,
                Approved,
                (decision => !string.IsNullOrWhiteSpace(decision.Reason), "a reason is given"),
                (decision => BreakGlassPolicy.Allows(workflow.Rule.BreakGlass, decision.By, workflow.Namespace, permissions), "policy allows break-glass for the requester"));

        machine.Configure(AwaitingApproval)
            .OnEntry((_, _) => Do(() => workflow.ExpiresAt = time.GetUtcNow() + workflow.Rule.Expiry))
            .OnExit((_, _) => Do(() => workflow.ExpiresAt = null))
            .PermitIf(Approve, Approved, [.. approver, (_ => workflow.ApprovalCount + 1 >= workflow.Rule.RequiredApprovals, "enough approvals")])
            .InternalTransitionIf(
                Approve,
                (actor, _, _) => Do(() => workflow.Approvals.Add(new Approval(actor, time.GetUtcNow()))),
                [.. approver, (_ => workflow.ApprovalCount + 1 < workflow.Rule.RequiredApprovals, "more approvals needed")])
            .PermitIf(Reject, Rejected, decision => permissions.Holds(decision.By, WorkflowPermission.Approve, workflow.Namespace), "rejecter holds approve on the namespace")
            .PermitIf(Cancel, Cancelled, actor => actor.IsSameUser(workflow.RequestedBy), "only the requester cancels")
            .PermitIf(ActionWorkflowTrigger.Expire, Expired, () => time.GetUtcNow() >= workflow.ExpiresAt, "the approval window has passed");

        machine.Configure(Approved)
            .OnEntryFrom(Approve, (actor, _, _) => Do(() => workflow.Approvals.Add(new Approval(actor, time.GetUtcNow()))))
            .OnEntryFrom(BreakGlass, (decision, _, _) => Do(() => workflow.BreakGlass = decision with { Reason = decision.Reason!.Trim() }))
            .Permit(ActionWorkflowTrigger.StartExecution, Executing);

        machine.Configure(Rejected)
            .OnEntryFrom(Reject, (decision, _, _) => Do(() => workflow.Decision = decision));

        machine.Configure(Cancelled)
            .OnEntryFrom(Cancel, (actor, _, _) => Do(() => workflow.Decision = new Decision(actor, null)));

        machine.Configure(Executing)
            .OnEntry((_, _) => Do(() => workflow.ExecutionStartedAt = time.GetUtcNow()))
            .Permit(Executed.Trigger, Verifying)
            .Permit(ExecutionFailed.Trigger, Failed);

        machine.Configure(Verifying)
            .OnEntryFrom(Executed, (report, _, _) => Do(() =>
            {
                workflow.ApplyResult = report.Detail;
                workflow.VerifyBy = time.GetUtcNow() + report.VerificationDeadline;
            }))
            .Permit(Verified.Trigger, Succeeded)
            .Permit(VerificationFailed.Trigger, ActionWorkflowState.VerificationFailed);

        machine.Configure(ActionWorkflowState.VerificationFailed)
            .PermitIf(
                Revert,
                Reverting,
                request => request.By is null ? workflow.Rule.AutoRevert : permissions.Holds(request.By, WorkflowPermission.Act, workflow.Namespace),
                "auto-revert by policy, or the presser holds act on the namespace");

        machine.Configure(Reverting)
            .OnEntryFrom(Revert, (request, _, _) => Do(() => workflow.RevertRequestedBy = request.By))
            .Permit(Reverted.Trigger, ActionWorkflowState.Reverted)
            .Permit(RevertFailed.Trigger, Failed);

        machine.Configure(Succeeded).OnEntryFrom(Verified, (report, _, _) => Do(() => workflow.Verification = report));
        machine.Configure(ActionWorkflowState.VerificationFailed).OnEntryFrom(VerificationFailed, (report, _, _) => Do(() => workflow.Verification = report));
        machine.Configure(Failed)
            .OnEntryFrom(ExecutionFailed, (error, _, _) => Do(() => workflow.Error = error))
            .OnEntryFrom(RevertFailed, (error, _, _) => Do(() => workflow.Error = error));

        machine.OnTransitioned((transition, _) => Do(() =>
        {
            var now = time.GetUtcNow();
            workflow.UpdatedAt = now;
            var by = ActorOf(transition.Argument) ?? (transition.Trigger == ActionWorkflowTrigger.Submit ? workflow.RequestedBy : null);
            workflow.History.Add(new WorkflowEvent(now, transition.Source, transition.Destination, transition.Trigger, by, DetailOf(transition.Argument)));
            if (workflow.IsFinished)
            {
                workflow.FinishedAt = now;
            }
        }));
        return machine;
    }

    private static TriggerWithParameter<ActionWorkflowTrigger, T> Parameter<T>(ActionWorkflowTrigger trigger) =>
        StateMachine<ActionWorkflowState, ActionWorkflowTrigger>.SetTriggerParameter<T>(trigger);

    private static Task Do(Action action)
    {
        action();
        return Task.CompletedTask;
    }

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
        Id = "mermaid",
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
