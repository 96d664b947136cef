using k8s.Models;

namespace OpsBot.Kubernetes;

/// <summary>One entry of <c>kubectl rollout history</c>: a revision, its change cause and the ReplicaSet holding its template.</summary>
public sealed record RolloutRevision(long Revision, string? ChangeCause, V1ReplicaSet ReplicaSet);
