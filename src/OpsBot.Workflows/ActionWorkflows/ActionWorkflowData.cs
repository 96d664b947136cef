using System.Text.Json.Nodes;
using OpsBot.Workflows.Approvals;

namespace OpsBot.Workflows.ActionWorkflows;

/// <summary>The part of an <see cref="ActionWorkflow"/> the store keeps as JSON (<see cref="Persistence.WorkflowRecord.Data"/>).</summary>
internal sealed record ActionWorkflowData
{
    public required Actor RequestedBy { get; init; }

    public required ApprovalRule Rule { get; init; }

    public required string CommandText { get; init; }

    public required string Summary { get; init; }

    public required string Risk { get; init; }

    public JsonObject Plan { get; init; } = [];

    public List<Approval> Approvals { get; init; } = [];

    public Decision? Decision { get; init; }

    public Decision? BreakGlass { get; init; }

    public Actor? RevertRequestedBy { get; init; }

    public string? ApplyResult { get; init; }

    public DateTimeOffset? VerifyBy { get; init; }

    public VerificationReport? Verification { get; init; }

    public string? Error { get; init; }

    public DateTimeOffset? ExecutionStartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public List<WorkflowEvent> History { get; init; } = [];

    public RunnerLease? Lease { get; init; }
}
