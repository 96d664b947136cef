using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace OpsBot.Kubernetes;

/// <summary>
/// <c>kubectl rollout</c> for deployments — undo, restart, status, history — over the official client's
/// reads, patches and watches, following kubectl's algorithms and messages exactly.
/// </summary>
public static class RolloutExtensions
{
    // Deployment annotations that a rollback keeps from the deployment instead of copying from the ReplicaSet.
    // kubectl/pkg/polymorphichelpers/rollback.go (annotationsToSkip)
    private static readonly HashSet<string> AnnotationsKeptFromDeployment =
    [
        KubernetesAnnotations.LastAppliedConfiguration,
        KubernetesAnnotations.Revision,
        KubernetesAnnotations.RevisionHistory,
        KubernetesAnnotations.DesiredReplicas,
        KubernetesAnnotations.MaxReplicas,
        "deprecated.deployment.rollback.to",
    ];

    /// <summary>The ReplicaSets the deployment controls: matching its selector and owned by its UID as controller.</summary>
    public static async Task<IReadOnlyList<V1ReplicaSet>> ListOwnedReplicaSetsAsync(this IKubernetes client, V1Deployment deployment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var selector = LabelSelectors.ToSelectorString(deployment.Spec?.Selector);
        var listed = await client.ReplicaSets(deployment.Metadata?.NamespaceProperty ?? "default", selector).AllAsync(cancellationToken).ConfigureAwait(false);
        return [.. listed.Where(rs => rs.Metadata?.OwnerReferences?.Any(owner => owner.Controller == true && owner.Uid == deployment.Metadata?.Uid) == true)];
    }

    /// <summary>
    /// Rolls back to <paramref name="toRevision"/> (0 = the previous revision). Extra annotations
    /// (e.g. the id of the workflow that made the change) are added to the deployment's.
    /// </summary>
    public static async Task<RolloutUndoResult> RolloutUndoAsync(
        this IKubernetes client, string name, string namespaceParameter, long toRevision = 0,
        IReadOnlyDictionary<string, string>? extraAnnotations = null, CancellationToken cancellationToken = default)
    {
        if (toRevision < 0)
        {
            throw new RolloutException($"unable to find specified revision {toRevision} in history");
        }

        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(name, namespaceParameter, cancellationToken: cancellationToken).ConfigureAwait(false);
        var owned = await client.ListOwnedReplicaSetsAsync(deployment, cancellationToken).ConfigureAwait(false);
        var target = FindRevision(owned, toRevision, name);

        if (deployment.Spec?.Paused == true)
        {
            throw new RolloutException($"you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/{name}' and try again");
        }

        var targetRevision = RevisionOf(target);
        if (PodTemplates.EqualIgnoreHash(target.Spec?.Template, deployment.Spec?.Template))
        {
            return new RolloutUndoResult(false, $"skipped rollback (current template already matches revision {toRevision})", targetRevision, null);
        }

        var annotations = new JsonObject();
        foreach (var (key, value) in deployment.Metadata?.Annotations ?? new Dictionary<string, string>())
        {
            if (AnnotationsKeptFromDeployment.Contains(key))
            {
                annotations[key] = value;
            }
        }

        foreach (var (key, value) in target.Metadata?.Annotations ?? new Dictionary<string, string>())
        {
            if (!AnnotationsKeptFromDeployment.Contains(key))
            {
                annotations[key] = value;
            }
        }

        foreach (var (key, value) in extraAnnotations ?? new Dictionary<string, string>())
        {
            annotations[key] = value;
        }

        var patch = new JsonArray
        {
            new JsonObject { ["op"] = "replace", ["path"] = "/spec/template", ["value"] = PodTemplates.WithoutHash(target.Spec!.Template!) },
            new JsonObject { ["op"] = "replace", ["path"] = "/metadata/annotations", ["value"] = annotations },
        };
        var patched = await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.JsonPatch), name, namespaceParameter, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new RolloutUndoResult(true, "rolled back", targetRevision, patched);
    }

    /// <summary>Restarts every pod of the deployment by stamping <c>kubectl.kubernetes.io/restartedAt</c> (now, by <paramref name="timeProvider"/>) on its template.</summary>
    public static async Task<V1Deployment> RolloutRestartAsync(this IKubernetes client, string name, string namespaceParameter, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(name, namespaceParameter, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (deployment.Spec?.Paused == true)
        {
            throw new RolloutException("can't restart paused deployment (run rollout resume first)");
        }

        var now = KubernetesTime.Format(timeProvider.GetUtcNow());
        var patch = new V1Patch((new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [KubernetesAnnotations.RestartedAt] = now } },
                },
            },
        }).ToJsonString(), V1Patch.PatchType.StrategicMergePatch);
        return await client.AppsV1.PatchNamespacedDeploymentAsync(patch, name, namespaceParameter, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public static async Task<RolloutStatus> RolloutStatusAsync(this IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default) =>
        RolloutStatus.Of(await client.AppsV1.ReadNamespacedDeploymentAsync(name, namespaceParameter, cancellationToken: cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Watches the deployment until its rollout is done or failed, or <paramref name="timeout"/> passes (then the last
    /// status, not done, is returned). A watch the server ends is resumed from the last read; an expired
    /// resourceVersion (410) reads the deployment again.
    /// </summary>
    public static async Task<RolloutStatus> WaitForRolloutAsync(this IKubernetes client, string name, string namespaceParameter, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var last = new RolloutStatus(false, false, $"Waiting for deployment \"{name}\" rollout to finish...");
        try
        {
            while (true)
            {
                var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(name, namespaceParameter, cancellationToken: linked.Token).ConfigureAwait(false);
                last = RolloutStatus.Of(deployment);
                if (last.Done || last.Failed)
                {
                    return last;
                }

                try
                {
                    var events = client.AppsV1.WatchListNamespacedDeploymentAsync(
                        namespaceParameter,
                        allowWatchBookmarks: true,
                        fieldSelector: $"metadata.name={name}",
                        resourceVersion: deployment.Metadata?.ResourceVersion,
                        cancellationToken: linked.Token);
                    await foreach (var (type, changed) in events.ConfigureAwait(false))
                    {
                        if (type == WatchEventType.Deleted)
                        {
                            throw new RolloutException($"deployment \"{name}\" was deleted while waiting for its rollout");
                        }

                        if (type is WatchEventType.Added or WatchEventType.Modified)
                        {
                            last = RolloutStatus.Of(changed);
                            if (last.Done || last.Failed)
                            {
                                return last;
                            }
                        }
                    }
                }
                catch (Exception error) when (error.IsGone())
                {
                    // The resourceVersion is too old to watch from: read again.
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
        }

        return last;
    }

    /// <summary>Every revision with its change cause, oldest first (<c>kubectl rollout history</c>).</summary>
    public static async Task<IReadOnlyList<RolloutRevision>> RolloutHistoryAsync(this IKubernetes client, string name, string namespaceParameter, CancellationToken cancellationToken = default)
    {
        var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(name, namespaceParameter, cancellationToken: cancellationToken).ConfigureAwait(false);
        var owned = await client.ListOwnedReplicaSetsAsync(deployment, cancellationToken).ConfigureAwait(false);
        return [.. owned
            .Select(rs => new RolloutRevision(RevisionOf(rs), rs.Metadata?.Annotations?.TryGetValue(KubernetesAnnotations.ChangeCause, out var cause) == true ? cause : null, rs))
            .OrderBy(revision => revision.Revision)];
    }

    /// <summary>A revision annotation; a missing one counts as 0, as in the deployment controller.</summary>
    public static long RevisionOf(V1ReplicaSet replicaSet) =>
        replicaSet.Metadata?.Annotations?.TryGetValue(KubernetesAnnotations.Revision, out var text) == true
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    // kubectl/pkg/polymorphichelpers/rollback.go (deploymentRevision)
    private static V1ReplicaSet FindRevision(IReadOnlyList<V1ReplicaSet> owned, long toRevision, string name)
    {
        V1ReplicaSet? latest = null, previous = null;
        long latestRevision = -1, previousRevision = -1;
        foreach (var rs in owned)
        {
            var revision = RevisionOf(rs);
            if (toRevision == 0)
            {
                if (latestRevision < revision)
                {
                    (previous, previousRevision) = (latest, latestRevision);
                    (latest, latestRevision) = (rs, revision);
                }
                else if (previousRevision < revision)
                {
                    (previous, previousRevision) = (rs, revision);
                }
            }
            else if (revision == toRevision)
            {
                return rs;
            }
        }

        if (toRevision > 0)
        {
            throw new RolloutException($"unable to find specified revision {toRevision} in history");
        }

        return previous ?? throw new RolloutException($"no rollout history found for deployment \"{name}\"");
    }
}
