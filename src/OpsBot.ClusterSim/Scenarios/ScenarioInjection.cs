using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Scenarios;

/// <summary>
/// One timed change to the cluster: <c>apply</c> (manifests), <c>patch</c> (strategic merge on target),
/// <c>delete</c>, <c>scale</c> (replicas), <c>stop-kubelet</c>/<c>start-kubelet</c> (target node),
/// <c>set-load</c> (a Service's request rate) or <c>set-node-condition</c> (a node's <see cref="Condition"/> forced to
/// <see cref="ConditionStatus"/>).
/// </summary>
public sealed record ScenarioInjection(
    TimeSpan After,
    string Action,
    string? Target,
    string? Namespace,
    JsonObject? Patch,
    IReadOnlyList<JsonObject> Manifests,
    double? RequestsPerSecond,
    int? Replicas,
    string? Description,
    string? Condition = null,
    string? ConditionStatus = null);
