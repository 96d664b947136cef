using OpsBot.Kubernetes;
using k8s.Models;

namespace OpsBot.Triage;

/// <summary>
/// Lookups over a <see cref="ClusterSnapshot"/>, built once so that analyzers stay linear in the number of pods:
/// which deployment a pod or ReplicaSet belongs to, a deployment's ReplicaSets by revision, events by object
/// (only those inside the window), metrics and logs by pod.
/// </summary>
public sealed class SnapshotIndex
{
    private static readonly IReadOnlyList<V1Pod> NoPods = [];
    private static readonly IReadOnlyList<V1ReplicaSet> NoReplicaSets = [];
    private static readonly IReadOnlyList<RecentEvent> NoEvents = [];
    private static readonly IReadOnlyList<ContainerLog> NoLogs = [];

    private readonly Dictionary<string, string> _deploymentOfReplicaSet = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<V1ReplicaSet>> _replicaSetsByDeployment = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<V1Pod>> _podsByDeployment = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<V1Pod>> _podsByReplicaSet = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RecentEvent>> _eventsByObject = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ContainerLog>> _logsByPod = new(StringComparer.Ordinal);

    internal SnapshotIndex(ClusterSnapshot snapshot)
    {
        Deployments = snapshot.Deployments.Where(d => d.Metadata?.Name is not null).GroupBy(d => d.Metadata!.Name!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var rs in snapshot.ReplicaSets)
        {
            if (rs.Metadata?.Name is not { } name)
            {
                continue;
            }

            var owner = rs.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true && o.Kind == "Deployment")?.Name;
            if (owner is null)
            {
                continue;
            }

            _deploymentOfReplicaSet[name] = owner;
            Add(_replicaSetsByDeployment, owner, rs);
        }

        foreach (var list in _replicaSetsByDeployment.Values)
        {
            list.Sort((a, b) => RevisionOf(b).CompareTo(RevisionOf(a)));
        }

        var podsByName = new Dictionary<string, V1Pod>(StringComparer.Ordinal);
        PodsByName = podsByName;
        foreach (var pod in snapshot.Pods)
        {
            if (pod.Metadata?.Name is not { } name)
            {
                continue;
            }

            podsByName[name] = pod;
            if (ReplicaSetOf(pod) is { } rs)
            {
                Add(_podsByReplicaSet, rs, pod);
            }

            if (DeploymentOf(pod) is { } deployment)
            {
                Add(_podsByDeployment, deployment, pod);
            }
        }

        HpaByDeployment = snapshot.Hpas
            .Where(h => h.Spec?.ScaleTargetRef?.Name is not null && (h.Spec.ScaleTargetRef.Kind ?? "Deployment") == "Deployment")
            .GroupBy(h => h.Spec!.ScaleTargetRef!.Name!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var events = new List<RecentEvent>();
        foreach (var raw in snapshot.Events)
        {
            var e = RecentEvent.Of(raw);
            if (e.LastSeen is { } seen && seen < snapshot.WindowStart)
            {
                continue;
            }

            events.Add(e);
            Add(_eventsByObject, e.Kind + "/" + e.Name, e);
        }

        RecentEvents = events;
        MetricsByPod = snapshot.PodMetrics.Where(m => m.Metadata?.Name is not null).GroupBy(m => m.Metadata!.Name!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        NodesByName = snapshot.Nodes.Where(n => n.Metadata?.Name is not null).GroupBy(n => n.Metadata!.Name!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var log in snapshot.Logs)
        {
            Add(_logsByPod, log.Pod, log);
        }
    }

    public IReadOnlyDictionary<string, V1Deployment> Deployments { get; }

    public IReadOnlyDictionary<string, V1Pod> PodsByName { get; }

    public IReadOnlyDictionary<string, V2HorizontalPodAutoscaler> HpaByDeployment { get; }

    public IReadOnlyDictionary<string, PodMetrics> MetricsByPod { get; }

    public IReadOnlyDictionary<string, V1Node> NodesByName { get; }

    /// <summary>Events last seen inside the window (or without a time).</summary>
    public IReadOnlyList<RecentEvent> RecentEvents { get; }

    /// <summary>Deployment names that have pods in the snapshot.</summary>
    public IEnumerable<string> DeploymentsWithPods => _podsByDeployment.Keys;

    public IReadOnlyList<V1Pod> PodsOf(string deployment) => _podsByDeployment.TryGetValue(deployment, out var pods) ? pods : NoPods;

    public IReadOnlyList<V1Pod> PodsOfReplicaSet(string replicaSet) => _podsByReplicaSet.TryGetValue(replicaSet, out var pods) ? pods : NoPods;

    /// <summary>The deployment's ReplicaSets, newest revision first.</summary>
    public IReadOnlyList<V1ReplicaSet> ReplicaSetsOf(string deployment) => _replicaSetsByDeployment.TryGetValue(deployment, out var sets) ? sets : NoReplicaSets;

    /// <summary>Events about one object (<c>Pod</c>, <c>frontend-7d9f-b</c>) inside the window.</summary>
    public IReadOnlyList<RecentEvent> EventsFor(string kind, string name) => _eventsByObject.TryGetValue(kind + "/" + name, out var events) ? events : NoEvents;

    public IReadOnlyList<ContainerLog> LogsOf(string pod) => _logsByPod.TryGetValue(pod, out var logs) ? logs : NoLogs;

    /// <summary>The ReplicaSet that controls the pod, by owner reference.</summary>
    public static string? ReplicaSetOf(V1Pod pod) =>
        pod?.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true && o.Kind == "ReplicaSet")?.Name
        ?? pod?.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Kind == "ReplicaSet")?.Name;

    /// <summary>The deployment a pod belongs to: its ReplicaSet's owner, else the ReplicaSet name minus its pod-template-hash.</summary>
    public string? DeploymentOf(V1Pod pod)
    {
        if (ReplicaSetOf(pod) is not { } rs)
        {
            return null;
        }

        if (_deploymentOfReplicaSet.TryGetValue(rs, out var deployment))
        {
            return deployment;
        }

        var hash = pod.Metadata?.Labels?.TryGetValue(KubernetesLabels.PodTemplateHash, out var h) == true ? h : null;
        return hash is not null && rs.EndsWith("-" + hash, StringComparison.Ordinal) ? rs[..^(hash.Length + 1)] : null;
    }

    /// <summary>The deployment of a pod known only by name (an event about a pod already gone).</summary>
    public string? DeploymentOfPodName(string podName)
    {
        if (PodsByName.TryGetValue(podName, out var pod))
        {
            return DeploymentOf(pod);
        }

        var dash = podName.LastIndexOf('-');
        return dash > 0 && _deploymentOfReplicaSet.TryGetValue(podName[..dash], out var deployment) ? deployment : null;
    }

    /// <summary><c>deployment/frontend</c> for a deployment's pod, else <c>pod/NAME</c>.</summary>
    public string WorkloadOf(V1Pod pod) => DeploymentOf(pod) is { } deployment ? "deployment/" + deployment : "pod/" + pod?.Metadata?.Name;

    /// <summary>The <c>deployment.kubernetes.io/revision</c> of a ReplicaSet (0 when absent).</summary>
    public static long RevisionOf(V1ReplicaSet rs) => RolloutExtensions.RevisionOf(rs);

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T item)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        list.Add(item);
    }
}
