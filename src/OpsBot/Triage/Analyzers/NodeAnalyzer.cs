using System.Text.RegularExpressions;
using k8s.Models;

namespace OpsBot.Triage.Analyzers;

/// <summary>
/// Nodes that stopped reporting (Ready=Unknown: the kubelet stopped posting status) or are NotReady, and nodes under
/// memory, disk or PID pressure — with the target's pods they affect.
/// </summary>
public static partial class NodeAnalyzer
{
    public static IEnumerable<Finding> Analyze(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        // Evicted and finished pods keep their nodeName but run nowhere: they are counted as evicted, not as on the node.
        var podsByNode = snapshot.Pods.Where(p => !string.IsNullOrEmpty(p.Spec?.NodeName) && p.Status?.Phase is not ("Failed" or "Succeeded")).GroupBy(p => p.Spec!.NodeName!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var offenders = Offenders(snapshot).ToList();
        var evicted = snapshot.Index.RecentEvents.Where(e => e.Reason is "TaintManagerEviction" or "NodeNotReady").ToList();
        foreach (var node in snapshot.Nodes)
        {
            var name = node.Metadata?.Name ?? "?";
            var resource = "node/" + name;
            var pods = podsByNode.TryGetValue(name, out var list) ? list : [];
            var conditions = node.Status?.Conditions ?? [];
            var ready = conditions.FirstOrDefault(c => c.Type == "Ready");
            if (snapshot.Target.Scope != TriageScope.Namespace && pods.Count == 0)
            {
                continue;
            }

            if (ready is not null && ready.Status != "True")
            {
                var lost = ready.Status == "Unknown";
                var kind = lost ? FindingKinds.NodeLost : FindingKinds.NodeNotReady;
                var taints = node.Spec?.Taints?.Select(t => $"{t.Key}:{t.Effect}").ToList() ?? [];
                var workloads = pods.Select(snapshot.Index.WorkloadOf).Distinct(StringComparer.Ordinal).ToList();
                var evidence = new List<Evidence>
                {
                    new("condition", $"Ready={ready.Status} {ready.Reason}: {TriageText.Excerpt(ready.Message ?? string.Empty)}", resource) { At = ready.LastTransitionTime },
                };
                if (taints.Count > 0)
                {
                    evidence.Add(new Evidence("spec", "taints: " + string.Join(", ", taints), resource));
                }

                evidence.Add(new Evidence("status", pods.Count > 0
                    ? $"{TriageText.Plural(pods.Count, "pod")} of this namespace on it ({string.Join(", ", workloads.Take(6))}), {pods.Count(p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") != true)} not ready"
                    : "no pods of this namespace left on it", resource) { Count = pods.Count });
                var evictions = evicted.Where(e => e.Reason == "TaintManagerEviction").ToList();
                if (evictions.Count > 0)
                {
                    evidence.Add(new Evidence("event", $"TaintManagerEviction: {TriageText.Excerpt(evictions[0].Message)}", evictions[0].Object) { Count = evictions.Sum(e => e.Count), At = evictions.Max(e => e.LastSeen) });
                }

                yield return new Finding
                {
                    Id = Finding.IdOf(kind, resource),
                    Kind = kind,
                    Title = lost ? $"Node {name} is lost (kubelet stopped posting status)" : $"Node {name} is NotReady",
                    Severity = pods.Count > 0 || evictions.Count > 0 ? Severity.Critical : Severity.Warning,
                    Confidence = 0.9,
                    Summary = (lost
                        ? $"{name} stopped reporting {(ready.LastTransitionTime is { } at ? "at " + TriageText.Time(at, snapshot.Now) : string.Empty)}: its pods are frozen (not ready) and will be evicted after their unreachable toleration (300 s by default), then rescheduled elsewhere if capacity allows."
                        : $"{name} reports NotReady ({ready.Reason}); its pods do not serve.") + (workloads.Count > 0 ? $" Affected: {string.Join(", ", workloads.Take(6))}." : string.Empty),
                    Evidence = evidence,
                    Resources = [resource, .. workloads.Take(8)],
                    Proposals =
                    [
                        new CordonDrainProposal(name, snapshot.Target.CommandScope) { Rationale = "keep new pods off it and move the rest now instead of waiting for the eviction timeout" },
                        new AdviceProposal("scale-node-group", "If pods stay Pending afterwards, add a node (scale the node group) and replace the lost instance."),
                    ],
                    StartedAt = ready.LastTransitionTime,
                };
                continue;
            }

            foreach (var condition in conditions.Where(c => (c.Type is "MemoryPressure" or "DiskPressure" or "PIDPressure" && c.Status == "True") || (c.Type == "NetworkUnavailable" && c.Status == "True")))
            {
                if (pods.Count == 0 && snapshot.Target.Scope != TriageScope.Namespace)
                {
                    continue;
                }

                var kind = KindOf(condition.Type!);
                if (kind != FindingKinds.NodeNetworkUnavailable && offenders.Any(o => o.Kind == kind))
                {
                    continue; // the workload that fills the node carries this pressure (below)
                }

                yield return new Finding
                {
                    Id = Finding.IdOf(kind, resource),
                    Kind = kind,
                    Title = $"Node {name}: {condition.Type}",
                    Severity = kind == FindingKinds.NodeNetworkUnavailable ? Severity.Critical : Severity.Warning,
                    Confidence = 0.85,
                    Summary = $"The kubelet reports {condition.Type} ({condition.Reason}): {Consequence(kind)} {TriageText.Plural(pods.Count, "pod")} of this namespace run there.",
                    Evidence = [new Evidence("condition", $"{condition.Type}=True {condition.Reason}: {TriageText.Excerpt(condition.Message ?? string.Empty)}", resource) { At = condition.LastTransitionTime }],
                    Resources = [resource, .. pods.Select(snapshot.Index.WorkloadOf).Distinct(StringComparer.Ordinal).Take(8)],
                    Proposals = [new CordonDrainProposal(name, snapshot.Target.CommandScope) { Rationale = "move the pods to nodes with room" }, Advice(kind, name, null)],
                    StartedAt = condition.LastTransitionTime,
                };
            }
        }

        // Pressure caused by a workload: the kubelet's eviction messages name the container that used the most.
        foreach (var offender in offenders.GroupBy(o => (o.Kind, o.Workload)))
        {
            var items = offender.ToList();
            var (kind, workload) = offender.Key;
            var nodes = items.Select(i => i.Node).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var pressured = nodes.Select(n => snapshot.Index.NodesByName.TryGetValue(n, out var node) ? node : null).OfType<V1Node>()
                .SelectMany(n => (n.Status?.Conditions ?? []).Where(c => KindOf(c.Type ?? string.Empty) == kind && c.Status == "True").Select(c => (Node: n.Metadata?.Name, Condition: c))).ToList();
            var evidence = new List<Evidence>
            {
                new("status", $"{TriageText.Plural(items.Count, "pod")} of {workload} evicted: {TriageText.Excerpt(items[0].Message)}", "pod/" + items[0].Pod) { Count = items.Count },
            };
            evidence.AddRange(pressured.Take(3).Select(p => new Evidence("condition", $"{p.Condition.Type}=True {p.Condition.Reason}: {TriageText.Excerpt(p.Condition.Message ?? string.Empty)}", "node/" + p.Node) { At = p.Condition.LastTransitionTime }));
            var container = items[0].Container;
            var spec = snapshot.Index.PodsOfWorkload(workload).SelectMany(p => p.Spec?.Containers ?? []).FirstOrDefault(c => c.Name == container);
            var resourceName = kind == FindingKinds.NodeDiskPressure ? "ephemeral-storage" : "memory";
            var limit = spec?.Resources?.Limits is { } limits && limits.TryGetValue(resourceName, out var l) ? l.ToString() : null;
            var request = spec?.Resources?.Requests is { } requests && requests.TryGetValue(resourceName, out var r) ? r.ToString() : null;
            evidence.Add(new Evidence("spec", $"container {container}: {resourceName} request {request ?? "none"}, limit {limit ?? "none"}", workload));
            yield return new Finding
            {
                Id = Finding.IdOf(kind, workload),
                Kind = kind,
                Title = $"{Short(workload)} fills its nodes' {(kind == FindingKinds.NodeDiskPressure ? "disk" : "memory")}: {(kind == FindingKinds.NodeDiskPressure ? "DiskPressure" : "MemoryPressure")} and evictions",
                Severity = Severity.Critical,
                Confidence = 0.9,
                Summary = $"Container {container} of {workload} used more {resourceName} than anything else on {string.Join(", ", nodes.Take(3))} (request {request ?? "0"}, no limit{(limit is null ? string.Empty : $" — limit {limit}")}): the node went under {(kind == FindingKinds.NodeDiskPressure ? "DiskPressure" : "MemoryPressure")}, the kubelet evicted it, and its replacement fills the next node. A limit makes it alone be evicted, early.",
                Evidence = evidence,
                Resources = [workload, .. nodes.Select(n => "node/" + n), .. items.Take(3).Select(i => "pod/" + i.Pod)],
                Proposals = [Advice(kind, nodes.FirstOrDefault() ?? "?", (workload, container))],
                StartedAt = items.Select(i => i.At).Where(t => t is not null).DefaultIfEmpty().Min(),
            };
        }
    }

    private sealed record Offender(string Kind, string Workload, string Pod, string? Node, string Container, string Message, DateTimeOffset? At);

    /// <summary>Pods evicted for node pressure whose message names the container that used the most.</summary>
    private static IEnumerable<Offender> Offenders(ClusterSnapshot snapshot)
    {
        foreach (var pod in snapshot.Pods.Where(p => p.Status?.Reason == "Evicted"))
        {
            var message = pod.Status?.Message ?? string.Empty;
            var match = Eviction().Match(message);
            if (match.Success)
            {
                var kind = match.Groups["resource"].Value == "memory" ? FindingKinds.NodeMemoryPressure : FindingKinds.NodeDiskPressure;
                var at = pod.Status?.Conditions?.Select(c => c.LastTransitionTime).Where(t => t is not null).DefaultIfEmpty().Max();
                yield return new Offender(kind, snapshot.Index.WorkloadOf(pod), pod.Metadata?.Name ?? "?", pod.Spec?.NodeName, match.Groups["container"].Value, message, at);
            }
        }
    }

    private static string KindOf(string condition) => condition switch
    {
        "DiskPressure" => FindingKinds.NodeDiskPressure,
        "MemoryPressure" => FindingKinds.NodeMemoryPressure,
        "PIDPressure" => FindingKinds.NodePidPressure,
        "NetworkUnavailable" => FindingKinds.NodeNetworkUnavailable,
        _ => FindingKinds.NodePressure,
    };

    private static string Consequence(string kind) => kind switch
    {
        FindingKinds.NodeDiskPressure => "the node's root or image filesystem is nearly full; it is tainted disk-pressure:NoSchedule, garbage-collects images and evicts pods by ephemeral-storage use.",
        FindingKinds.NodeMemoryPressure => "available memory fell under the eviction threshold; it is tainted memory-pressure:NoSchedule and evicts pods whose usage exceeds their requests first.",
        FindingKinds.NodePidPressure => "processes are near the node's PID limit; new processes (and containers) fail to start and pods are evicted.",
        FindingKinds.NodeNetworkUnavailable => "its pod network is not configured (CNI); its pods cannot reach anything.",
        _ => "it evicts pods to recover.",
    };

    /// <summary>Advice for one kind of pressure; with a workload at fault, the limit it lacks.</summary>
    private static AdviceProposal Advice(string kind, string node, (string Workload, string Container)? offender) => kind switch
    {
        FindingKinds.NodeDiskPressure when offender is { } o => new AdviceProposal("set-requests-limits", $"Give container {o.Container} of {o.Workload} an ephemeral-storage request and limit (e.g. 1Gi/4Gi) and an emptyDir sizeLimit, so that it alone is evicted, early; then fix what it writes (temporary files not cleaned up, logs to files)."),
        FindingKinds.NodeMemoryPressure when offender is { } o => new AdviceProposal("set-requests-limits", $"Set container {o.Container} of {o.Workload}'s memory request to its real usage and a memory limit (/k8s top pods), so that the scheduler stops overcommitting the node."),
        FindingKinds.NodeDiskPressure => new AdviceProposal("free-node-disk", $"Find what fills {node}: pods' ephemeral storage (emptyDir, writable layers, container logs — check log rotation: containerLogMaxSize), unused images (image GC thresholds), the system's own logs; give pods ephemeral-storage limits."),
        FindingKinds.NodeMemoryPressure => new AdviceProposal("check-node-memory", $"Compare requests with usage on {node} (/k8s describe node {node}, /k8s top pods): pods using far more than they request are evicted first; set requests to real usage and memory limits."),
        FindingKinds.NodePidPressure => new AdviceProposal("check-node-pids", $"Find the pod forking processes on {node} (a runaway worker pool, zombie processes); set the kubelet's podPidsLimit."),
        FindingKinds.NodeNetworkUnavailable => new AdviceProposal("check-cni", $"Check the CNI pods (aws-node, calico, cilium…) on {node}; replace the node if its network stays unavailable."),
        _ => new AdviceProposal("check-node-usage", "Find what fills the node (/k8s top pods, /k8s describe node) and set limits on it."),
    };

    private static string Short(string workload) => workload[(workload.IndexOf('/', StringComparison.Ordinal) + 1)..];

    [GeneratedRegex(@"low on resource: (?<resource>memory|ephemeral-storage)\..*?Container (?<container>[a-z0-9]([-a-z0-9]*[a-z0-9])?) was using", RegexOptions.CultureInvariant | RegexOptions.Singleline, matchTimeoutMilliseconds: 200)]
    private static partial Regex Eviction();
}
