using OpsBot.Workflows.ActionWorkflows;

namespace OpsBot.ActionWorkflows;

/// <summary>
/// What a person asks of a workflow with a button or <c>/workflow …</c>: the one map from a button's action id
/// (<see cref="WorkflowActionIds"/>) to the workflow step it takes and the verb a refusal uses.
/// </summary>
public sealed class WorkflowDecision
{
    private readonly Func<ActionWorkflowStore, string, Actor, string?, CancellationToken, Task<TransitionOutcome>> _step;

    private WorkflowDecision(string actionId, ActionWorkflowTrigger trigger, string verb, string noun, Func<ActionWorkflowStore, string, Actor, string?, CancellationToken, Task<TransitionOutcome>> step)
    {
        ActionId = actionId;
        Trigger = trigger;
        Verb = verb;
        Noun = noun;
        _step = step;
    }

    public static WorkflowDecision Approve { get; } = new(WorkflowActionIds.Approve, ActionWorkflowTrigger.Approve, "approve", "approval", (store, id, actor, _, token) => store.ApproveAsync(id, actor, token));

    public static WorkflowDecision Reject { get; } = new(WorkflowActionIds.Reject, ActionWorkflowTrigger.Reject, "reject", "rejection", (store, id, actor, reason, token) => store.RejectAsync(id, actor, reason, token));

    public static WorkflowDecision Cancel { get; } = new(WorkflowActionIds.Cancel, ActionWorkflowTrigger.Cancel, "cancel", "cancellation", (store, id, actor, _, token) => store.CancelAsync(id, actor, token));

    public static WorkflowDecision Revert { get; } = new(WorkflowActionIds.Revert, ActionWorkflowTrigger.Revert, "revert", "revert request", (store, id, actor, _, token) => store.RevertAsync(id, actor, token));

    public static IReadOnlyList<WorkflowDecision> All { get; } = [Approve, Reject, Cancel, Revert];

    /// <summary>The button's action id (<c>workflow.approve</c>).</summary>
    public string ActionId { get; }

    /// <summary>The machine's trigger this decision fires.</summary>
    public ActionWorkflowTrigger Trigger { get; }

    /// <summary>"approve": as in "You can't approve workflow …".</summary>
    public string Verb { get; }

    /// <summary>"approval": as in "The approval could not be recorded".</summary>
    public string Noun { get; }

    /// <summary>The decision a button stands for; <see langword="null"/> for an action id OpsBot does not know.</summary>
    public static WorkflowDecision? ForActionId(string actionId) => All.FirstOrDefault(decision => decision.ActionId == actionId);

    /// <summary>Takes this decision's step on workflow <paramref name="id"/> for <paramref name="actor"/> (a reason only counts for Reject).</summary>
    public Task<TransitionOutcome> TakeAsync(ActionWorkflowStore store, string id, Actor actor, string? reason, CancellationToken cancellationToken = default) =>
        _step(store, id, actor, reason, cancellationToken);

    public override string ToString() => ActionId;
}
