using System.Globalization;
using OpsBot.ClusterObjects;
using OpsBot.Clusters;
using OpsBot.Kubernetes;
using k8s;
using k8s.Models;

namespace OpsBot.Actions.Common;

/// <summary>
/// One look at a deployment after an action changed its template: kubectl's rollout status, then the pods of the new
/// ReplicaSet — all ready, none waiting on a failing reason, no OOM kill, no crash loop, each running for the settle time.
/// </summary>
public static class RolloutVerifier
{
    /// <summary>Restarts of one new pod from which it counts as crash-looping.</summary>
    public const int CrashLoopRestarts = 3;

    /// <summary>Data keys the deployment actions store at plan time and read here.</summary>
    public const string RestartsAtPlan = "restartsAtPlan";
    public const string OomKilledAtPlan = "oomKilledAtPlan";
    public const string SettleSeconds = "settleSeconds";

    /// <summary>
    /// One look. How long the new pods have run is measured on the cluster's clock (<paramref name="clusterClock"/>): the
    /// simulator stamps pods with its virtual time, which drills move ahead of the bot's own (<paramref name="timeProvider"/>).
    /// </summary>
    public static async Task<VerificationResult> VerifyAsync(
        ActionPlan plan, string workflowId, IKubernetes client, string name, IClusterClock? clusterClock = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(client);
        var ns = plan.Namespace;
        V1Deployment deployment;
        try
        {
            deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception notFound) when (notFound.IsNotFound())
        {
            return new VerificationResult(VerificationStatus.Failed, $"deployment/{name} no longer exists in namespace {ns}.");
        }

        if (!ActionStamp.IsStampedBy(deployment.Metadata, workflowId))
        {
            return new VerificationResult(VerificationStatus.Failed, $"deployment/{name} no longer carries this workflow's change: someone changed it since.");
        }

        var now = (clusterClock?.For(client) ?? timeProvider ?? TimeProvider.System).GetUtcNow();
        var settle = TimeSpan.FromSeconds(long.TryParse(plan.Data[SettleSeconds]?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds : 60);
        var status = RolloutStatus.Of(deployment);
        var evidence = new List<string> { $"rollout: {status.Message}" };
        if (status.Failed)
        {
            var progressing = deployment.Status?.Conditions?.FirstOrDefault(c => c.Type == "Progressing");
            evidence.Add($"Progressing={progressing?.Status} {progressing?.Reason}: {progressing?.Message}");
            await AddNewPodEvidenceAsync(client, deployment, evidence, cancellationToken).ConfigureAwait(false);
            return new VerificationResult(VerificationStatus.Failed, $"deployment/{name} exceeded its progress deadline: the new pods never became available.") { Evidence = evidence };
        }

        var newPods = await NewPodsAsync(client, deployment, cancellationToken).ConfigureAwait(false);
        if (newPods is null)
        {
            return new VerificationResult(VerificationStatus.Pending, status.Message) { Evidence = evidence };
        }

        var health = PodHealth.Of(newPods);
        evidence.Add($"new pods (revision {Deployments.Revision(deployment)}): {health.Ready}/{health.Total} ready, {health.Restarts} restarts, {health.OomKilled} OOMKilled");
        if (plan.Data[RestartsAtPlan] is { } before)
        {
            evidence.Add($"before the change: {before} restarts, {plan.Data[OomKilledAtPlan] ?? 0} containers last OOMKilled");
        }

        if (Failure(newPods) is { } failure)
        {
            evidence.Add(failure.Detail);
            await AddWarningsAsync(client, ns, failure.Pod, evidence, cancellationToken).ConfigureAwait(false);
            return new VerificationResult(VerificationStatus.Failed, $"deployment/{name}: {failure.Summary}") { Evidence = evidence };
        }

        var replicas = deployment.Spec?.Replicas ?? 1;
        if (!status.Done || health.Total < replicas || health.Ready < replicas)
        {
            return new VerificationResult(VerificationStatus.Pending, status.Done ? $"{health.Ready}/{replicas} new pods ready" : status.Message) { Evidence = evidence };
        }

        var stableFor = newPods.Select(pod => RunningSince(pod) is { } since ? now - since : TimeSpan.Zero).DefaultIfEmpty(TimeSpan.Zero).Min();
        if (stableFor < settle)
        {
            return new VerificationResult(VerificationStatus.Pending, $"{health.Ready}/{replicas} new pods ready, watching for restarts: stable for {Ages.Format(stableFor)} of {Ages.Format(settle)}") { Evidence = evidence };
        }

        return new VerificationResult(
            VerificationStatus.Succeeded,
            $"{health.Ready}/{replicas} pods ready on revision {Deployments.Revision(deployment)}, no restarts for {Ages.Format(stableFor)}") { Evidence = evidence };
    }

    /// <summary>The pods of the deployment's current ReplicaSet (the one with its revision); null while the controller has not caught up.</summary>
    public static async Task<IReadOnlyList<V1Pod>?> NewPodsAsync(IKubernetes client, V1Deployment deployment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(deployment);
        var revision = Deployments.Revision(deployment);
        if (revision is null || (deployment.Metadata?.Generation ?? 0) > (deployment.Status?.ObservedGeneration ?? 0))
        {
            return null;
        }

        var owned = await client.ListOwnedReplicaSetsAsync(deployment, cancellationToken).ConfigureAwait(false);
        var current = owned.FirstOrDefault(rs => RolloutExtensions.RevisionOf(rs).ToString(CultureInfo.InvariantCulture) == revision);
        if (current?.Metadata?.Labels?.TryGetValue(KubernetesLabels.PodTemplateHash, out var hash) != true)
        {
            return null;
        }

        var pods = await Deployments.ListPodsAsync(client, deployment, $"{KubernetesLabels.PodTemplateHash}={hash}", cancellationToken).ConfigureAwait(false);
        return [.. pods.Where(pod => pod.Metadata?.DeletionTimestamp is null)];
    }

    private static async Task AddNewPodEvidenceAsync(IKubernetes client, V1Deployment deployment, List<string> evidence, CancellationToken cancellationToken)
    {
        if (await NewPodsAsync(client, deployment, cancellationToken).ConfigureAwait(false) is { } pods && Failure(pods) is { } failure)
        {
            evidence.Add(failure.Detail);
            await AddWarningsAsync(client, deployment.Metadata?.NamespaceProperty ?? "", failure.Pod, evidence, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The pod's latest warning events ("Failed to pull image …: not found"): the cause behind a waiting reason.</summary>
    private static async Task AddWarningsAsync(IKubernetes client, string ns, string pod, List<string> evidence, CancellationToken cancellationToken)
    {
        IReadOnlyList<Corev1Event> events;
        try
        {
            events = await client.EventsFor(ns, pod).AllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesException)
        {
            return; // Events only add detail; the verdict stands without them.
        }

        evidence.AddRange(events
            .Where(e => e.Type == "Warning")
            .OrderByDescending(e => e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp)
            .Take(2)
            .Select(e => $"event {e.Reason}: {e.Message}"));
    }

    /// <summary>Why the new pods cannot work: a failing waiting reason, an OOM kill, a crash loop; null when none shows.</summary>
    private static (string Summary, string Detail, string Pod)? Failure(IReadOnlyList<V1Pod> pods)
    {
        foreach (var pod in pods)
        {
            foreach (var container in pod.Status?.ContainerStatuses ?? [])
            {
                var podName = pod.Metadata?.Name ?? "";
                if (container.LastState?.Terminated?.Reason == "OOMKilled")
                {
                    return ("a new pod was OOMKilled: the memory limit is still too low", $"pod {podName} container {container.Name}: OOMKilled (exit 137), {container.RestartCount} restarts", podName);
                }

                var waiting = container.State?.Waiting;
                if (waiting?.Reason is { } reason && PodHealth.FailingReasons.Contains(reason) && !(reason == "ErrImagePull" && !IsMissingImage(waiting.Message)))
                {
                    var what = reason is "ImagePullBackOff" or "ErrImagePull" ? "the new image cannot be pulled" : $"new pods are failing ({reason})";
                    return (what, $"pod {podName} container {container.Name}: {reason}: {waiting.Message}", podName);
                }

                if (container.RestartCount >= CrashLoopRestarts)
                {
                    var last = container.LastState?.Terminated;
                    return ($"a new pod is crash-looping ({container.RestartCount} restarts)", $"pod {podName} container {container.Name}: {container.RestartCount} restarts, last exit {last?.ExitCode} {last?.Reason}", podName);
                }
            }
        }

        return null;
    }

    // containerd's and docker's words for a tag or repository that does not exist.
    private static bool IsMissingImage(string? message) =>
        message is not null && (message.Contains("not found", StringComparison.OrdinalIgnoreCase) || message.Contains("manifest unknown", StringComparison.OrdinalIgnoreCase));

    /// <summary>Since when every container of the pod has run without a restart (and the pod is ready).</summary>
    private static DateTimeOffset? RunningSince(V1Pod pod)
    {
        var statuses = pod.Status?.ContainerStatuses ?? [];
        if (statuses.Count == 0 || statuses.Any(s => s.Ready != true || s.State?.Running?.StartedAt is null))
        {
            return null;
        }

        return statuses.Max(s => s.State!.Running!.StartedAt!.Value);
    }
}
