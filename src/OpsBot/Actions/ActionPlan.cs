using System.Text.Json.Nodes;

namespace OpsBot.Actions;

/// <summary>What an approved action will do, shown on the approval card and stored with the workflow.</summary>
public sealed record ActionPlan
{
    public required string Kind { get; init; }

    public required string Cluster { get; init; }

    public required string Namespace { get; init; }

    /// <summary>The object changed: <c>deployment/frontend</c>, <c>horizontalpodautoscaler/frontend</c>, <c>node/worker-2</c>.</summary>
    public required string Target { get; init; }

    /// <summary>One line: "Roll back deployment/frontend from revision 5 to revision 4".</summary>
    public required string Summary { get; init; }

    /// <summary>The exact change, field by field.</summary>
    public required IReadOnlyList<FieldChange> Changes { get; init; }

    /// <summary>Facts an approver needs: "3/5 pods ready, 12 restarts in the last hour", "HPA at max (10/10)".</summary>
    public IReadOnlyList<string> CurrentState { get; init; } = [];

    public required ActionRisk Risk { get; init; }

    /// <summary>Why that risk: "restarts every pod of a 3-replica deployment".</summary>
    public required string RiskReason { get; init; }

    /// <summary>How long verification may take before it counts as failed.</summary>
    public TimeSpan VerificationDeadline { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The action's own data for apply/verify/revert (target revision, previous values); JSON so the plan persists.</summary>
    public JsonObject Data { get; init; } = [];
}
