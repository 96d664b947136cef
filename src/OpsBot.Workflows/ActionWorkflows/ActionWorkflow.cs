using System.Text.Json.Nodes;
using OpsBot.Workflows.Approvals;

namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>
/// One risky action on its way through <see cref="ActionWorkflowMachine"/>: what, who asked, the rule it
/// runs under (a snapshot taken at request time), approvals, outcome and history. The machine reads and
/// writes it; <see cref="ActionWorkflowRecords"/> maps it to and from the store's record.
/// </summary>
public sealed class ActionWorkflow
{
    public required string Id { get; init; }

    /// <summary><c>rollback</c>, <c>scale-hpa</c>, …</summary>
    public required string Kind { get; init; }

    public required string Cluster { get; init; }

    /// <summary>The namespace acted in; empty for cluster-scoped targets (nodes).</summary>
    public required string Namespace { get; init; }

    /// <summary><c>deployment/frontend</c>, <c>node/worker-2</c>.</summary>
    public required string Target { get; init; }

    public ActionWorkflowState State { get; set; } = ActionWorkflowState.Proposed;

    /// <summary>The store's version this copy was read at (optimistic concurrency); 0 before it is stored.</summary>
    public long Version { get; set; }

    public required Actor RequestedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the approval window closes; <see langword="null"/> outside <see cref="ActionWorkflowState.AwaitingApproval"/>.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The policy for this workflow, fixed when it was requested.</summary>
    public required ApprovalRule Rule { get; init; }

    /// <summary>The command as typed.</summary>
    public required string CommandText { get; init; }

    /// <summary>The plan's one line: "Scale deployment/frontend from 3 to 5 replicas".</summary>
    public required string Summary { get; init; }

    /// <summary><c>Low</c>, <c>Medium</c> or <c>High</c>.</summary>
    public required string Risk { get; init; }

    /// <summary>The action's plan as the host serialised it (opaque here).</summary>
    public JsonObject Plan { get; init; } = [];

    public List<Approval> Approvals { get; init; } = [];

    /// <summary>Who rejected or cancelled it, and why.</summary>
    public Decision? Decision { get; set; }

    /// <summary>Who broke the glass, and why.</summary>
    public Decision? BreakGlass { get; set; }

    /// <summary>Who asked for the revert (<see langword="null"/> with a revert: the bot, by policy).</summary>
    public Actor? RevertRequestedBy { get; set; }

    public string? ApplyResult { get; set; }

    /// <summary>When verification gives up (set on entering <see cref="ActionWorkflowState.Verifying"/>, so a restart keeps the deadline).</summary>
    public DateTimeOffset? VerifyBy { get; set; }

    public VerificationReport? Verification { get; set; }

    /// <summary>Why execution or the revert failed.</summary>
    public string? Error { get; set; }

    public DateTimeOffset? ExecutionStartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public List<WorkflowEvent> History { get; init; } = [];

    /// <summary>The runner process that drives it now (<see langword="null"/> until a runner first takes it).</summary>
    public RunnerLease? Lease { get; set; }

    /// <summary>Whether nothing more will happen to it, by itself or by a button.</summary>
    public bool IsFinished => State is ActionWorkflowState.Succeeded or ActionWorkflowState.Rejected or ActionWorkflowState.Expired
        or ActionWorkflowState.Cancelled or ActionWorkflowState.Failed or ActionWorkflowState.Reverted;

    /// <summary>Whether the bot still has work to do on it (execute, verify, revert): what recovery resumes.</summary>
    public static IReadOnlyList<ActionWorkflowState> RunnerStates { get; } =
        [ActionWorkflowState.Approved, ActionWorkflowState.Executing, ActionWorkflowState.Verifying, ActionWorkflowState.VerificationFailed, ActionWorkflowState.Reverting];

    /// <summary>Whether the runner has a step to take on it (a failed verification only when the policy reverts by itself).</summary>
    public bool NeedsRunner => RunnerStates.Contains(State) && (State != ActionWorkflowState.VerificationFailed || Rule.AutoRevert);

    /// <summary>Distinct approvers so far (the same person approving twice counts once).</summary>
    public int ApprovalCount => Approvals.Select(approval => approval.By.Key.ToLowerInvariant()).Distinct().Count();

    public bool HasApproved(Actor actor) => Approvals.Any(approval => approval.By.IsSameUser(actor));
}
