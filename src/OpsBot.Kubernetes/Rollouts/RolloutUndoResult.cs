using k8s.Models;

namespace OpsBot.Kubernetes;

/// <summary>
/// What <c>rollout undo</c> did: <c>rolled back</c>, or <c>skipped rollback (current template already
/// matches revision N)</c>. <see cref="Deployment"/> is the patched deployment when it rolled back.
/// </summary>
public sealed record RolloutUndoResult(bool RolledBack, string Message, long TargetRevision, V1Deployment? Deployment);
