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
    private readonly Dictionary<string, string> _cronJobOfJob = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<V1Pod> _pods;
    private Dictionary<string, IReadOnlyList<V1Pod>>? _podsByWorkload;
    private IReadOnlyList<Analyzers.PodContainer>? _containers;
    private IReadOnlyList<Analyzers.PodContainer>? _initContainers;

    internal SnapshotIndex(ClusterSnapshot snapshot)
    {
        _pods = snapshot.Pods;
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

        foreach (var job in snapshot.Jobs)
        {
            if (job.Metadata?.Name is { } jobName && job.Metadata.OwnerReferences?.FirstOrDefault(o => o.Kind == "CronJob")?.Name is { } cronJob)
            {
                _cronJobOfJob[jobName] = cronJob;
            }
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

    /// <summary>
    /// The workload a pod belongs to: <c>deployment/frontend</c>, <c>statefulset/rabbitmq</c>, <c>daemonset/fluentd</c>,
    /// <c>cronjob/export</c> (a Job a CronJob created), <c>job/NAME</c>, else <c>pod/NAME</c>.
    /// </summary>
    public string WorkloadOf(V1Pod pod)
    {
        if (DeploymentOf(pod) is { } deployment)
        {
            return "deployment/" + deployment;
        }

        var owner = pod?.Metadata?.OwnerReferences?.FirstOrDefault(o => o.Controller == true) ?? pod?.Metadata?.OwnerReferences?.FirstOrDefault();
        return owner?.Kind switch
        {
            "StatefulSet" => "statefulset/" + owner.Name,
            "DaemonSet" => "daemonset/" + owner.Name,
            "Job" => _cronJobOfJob.TryGetValue(owner.Name, out var cronJob) ? "cronjob/" + cronJob : "job/" + owner.Name,
            _ => "pod/" + pod?.Metadata?.Name,
        };
    }

    /// <summary>The pods of a workload as <see cref="WorkloadOf"/> names it (built on first use).</summary>
    public IReadOnlyList<V1Pod> PodsOfWorkload(string workload)
    {
        _podsByWorkload ??= _pods.GroupBy(WorkloadOf, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<V1Pod>)g.ToList(), StringComparer.Ordinal);
        return _podsByWorkload.TryGetValue(workload, out var pods) ? pods : NoPods;
    }

    /// <summary>
    /// Every container (not init containers) of every pod with its spec, paired once for all the analyzers that look for
    /// a container state (OOM kills, crash loops, image pulls, config errors…) instead of once by each.
    /// </summary>
    public IReadOnlyList<Analyzers.PodContainer> Containers => _containers ??= [.. Analyzers.PodContainer.Of(_pods)];

    /// <summary>Every init container (native sidecars included) of every pod with its spec, paired once.</summary>
    public IReadOnlyList<Analyzers.PodContainer> InitContainers => _initContainers ??= [.. Analyzers.PodContainer.InitOf(_pods)];

    /// <summary>The CronJob that created a Job, when the snapshot holds the Job.</summary>
    public string? CronJobOf(string job) => _cronJobOfJob.TryGetValue(job, out var cronJob) ? cronJob : null;

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
