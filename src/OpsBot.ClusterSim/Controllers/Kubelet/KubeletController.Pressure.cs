using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Common;
using OpsBot.ClusterSim.Serialization;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

public sealed partial class KubeletController
{
    /// <summary>memory.available&lt;100Mi: the kubelet's default hard eviction threshold.</summary>
    public const long MemoryAvailableThresholdBytes = 100L << 20;

    /// <summary>nodefs.available&lt;10%.</summary>
    public const double NodefsAvailableThreshold = 0.10;

    private static readonly TimeSpan EvictionInterval = TimeSpan.FromSeconds(10);

    /// <summary>--eviction-pressure-transition-period: how long a pressure condition stays after the signal recovers.</summary>
    private static readonly TimeSpan PressureTransitionPeriod = TimeSpan.FromMinutes(5);

    private static readonly (string Type, string TrueReason, string TrueMessage, string TrueEvent, string FalseReason, string FalseMessage, string FalseEvent)[] PressureConditions =
    [
        ("MemoryPressure", "KubeletHasInsufficientMemory", "kubelet has insufficient memory available", "NodeHasInsufficientMemory", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", "NodeHasSufficientMemory"),
        ("DiskPressure", "KubeletHasDiskPressure", "kubelet has disk pressure", "NodeHasDiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", "NodeHasNoDiskPressure"),
        ("PIDPressure", "KubeletHasInsufficientPID", "kubelet has insufficient PID available", "NodeHasInsufficientPID", "KubeletHasSufficientPID", "kubelet has sufficient PID available", "NodeHasSufficientPID"),
        ("NetworkUnavailable", "NoRouteCreated", "Node created without a route", "", "RouteCreated", "RouteController created a route", ""),
    ];

    private readonly Dictionary<string, NodePressureState> _pressure = new(StringComparer.Ordinal);

    /// <summary>
    /// The eviction manager and the node's pressure conditions: memory.available and nodefs.available computed from the
    /// node's capacity and what its pods use (or forced by <c>sim.opsbot.io/node-conditions</c>) raise MemoryPressure /
    /// DiskPressure (and PIDPressure / NetworkUnavailable when forced); under a pressure the kubelet evicts one pod every
    /// 10 s — those exceeding their requests first, then by priority and usage — and a container over its
    /// ephemeral-storage limit at once. A condition clears 5 minutes after its signal recovered.
    /// </summary>
    private void ManagePressure(SimulationContext context, IEnumerable<JsonObject> nodes, IReadOnlyList<JsonObject> pods)
    {
        foreach (var node in nodes)
        {
            StoreRaces.Tolerate(() => ManageNode(context, node, pods));
        }
    }

    private void ManageNode(SimulationContext context, JsonObject node, IReadOnlyList<JsonObject> pods)
    {
        var name = ObjectMeta.Name(node);
        if (!_pressure.TryGetValue(name, out var state))
        {
            state = new NodePressureState();
            _pressure[name] = state;
        }

        var onNode = pods.Where(p => PodFacts.NodeName(p) == name && PodFacts.IsActive(p) && _pods.ContainsKey(ObjectMeta.Uid(p) ?? "")).ToList();
        EvictOverLimit(context, node, onNode);
        var forced = ForcedConditions(node);
        var memory = MemorySignal(node, name);
        var disk = DiskSignal(node, name);
        var observed = new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            ["MemoryPressure"] = forced.GetValueOrDefault("MemoryPressure") ?? memory is { } m && m.Available < MemoryAvailableThresholdBytes,
            ["DiskPressure"] = forced.GetValueOrDefault("DiskPressure") ?? disk is { } d && d.Available < d.Capacity * NodefsAvailableThreshold,
            ["PIDPressure"] = forced.GetValueOrDefault("PIDPressure") ?? false,
            ["NetworkUnavailable"] = forced.GetValueOrDefault("NetworkUnavailable") ?? false,
        };
        var wanted = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (type, now) in observed)
        {
            if (now)
            {
                state.LastObserved[type] = context.Now;
            }

            var recent = state.LastObserved.TryGetValue(type, out var last) && context.Now - last < PressureTransitionPeriod && type != "NetworkUnavailable";
            wanted[type] = now || (recent && forced.GetValueOrDefault(type) is not false);
        }

        UpdateConditions(context, node, wanted);
        var reclaim = observed["MemoryPressure"] ? "memory" : observed["DiskPressure"] ? "ephemeral-storage" : null;
        if (reclaim is null || context.Now < state.NextEviction)
        {
            return;
        }

        state.NextEviction = context.Now + EvictionInterval;
        var victim = Rank(onNode, reclaim).FirstOrDefault();
        if (victim is null)
        {
            return;
        }

        var signal = reclaim == "memory" ? memory : disk;
        var message = $"The node was low on resource: {reclaim}. ";
        if (signal is { } measured)
        {
            // evictionMessage: the threshold and what was observed, when the signal is measured.
            var threshold = reclaim == "memory" ? MemoryAvailableThresholdBytes : (long)(measured.Capacity * NodefsAvailableThreshold);
            message += $"Threshold quantity: {Quantities.FromBytes(threshold)}, available: {Quantities.FromBytes(Math.Max(0, measured.Available) / 4096 * 4096)}. ";
        }

        foreach (var (container, usage, request) in Offenders(victim, reclaim))
        {
            message += $"Container {container} was using {Quantities.FromBytes(usage)}, request is {request}, has larger consumption of {reclaim}. ";
        }

        context.Events.Record(node, "Warning", "EvictionThresholdMet", $"Attempting to reclaim {reclaim}", "kubelet", name);
        Evict(context, victim, message);
    }

    /// <summary>Containers over their ephemeral-storage limit are evicted at once (localStorageEviction).</summary>
    private void EvictOverLimit(SimulationContext context, JsonObject node, List<JsonObject> onNode)
    {
        foreach (var pod in onNode.ToList())
        {
            var runtime = _pods[ObjectMeta.Uid(pod)!];
            foreach (var spec in Regular(pod))
            {
                var limitText = Quantities.Resource(spec, "limits", "ephemeral-storage");
                if (Quantities.Bytes(limitText) is { } limit && runtime.Containers.TryGetValue((string?)spec["name"] ?? "", out var c) && c.EphemeralBytes > limit)
                {
                    Evict(context, pod, $"Container {c.Name} exceeded its local ephemeral storage limit \"{limitText}\". ");
                    onNode.Remove(pod);
                    break;
                }
            }
        }
    }

    private (long Capacity, long Available)? MemorySignal(JsonObject node, string name)
    {
        var capacity = Quantities.Bytes(Quantities.Text(node["status"]?["capacity"]?["memory"] ?? node["status"]?["allocatable"]?["memory"]));
        if (capacity is null)
        {
            return null;
        }

        var used = NodeOverheadBytes + _pods.Values.Where(p => p.Node == name).SelectMany(p => p.Containers.Values).Where(c => c.Stage == ContainerStage.Running).Sum(c => c.MemoryBytes);
        return (capacity.Value, capacity.Value - used);
    }

    private (long Capacity, long Available)? DiskSignal(JsonObject node, string name)
    {
        var capacity = Quantities.Bytes(Quantities.Text(node["status"]?["capacity"]?["ephemeral-storage"] ?? node["status"]?["allocatable"]?["ephemeral-storage"]));
        if (capacity is null)
        {
            return null;
        }

        var system = Quantities.Bytes(ObjectMeta.Annotation(node, WorkloadAnnotations.EphemeralStorageUsed)) ?? capacity.Value / 4;
        var pods = _pods.Values.Where(p => p.Node == name).SelectMany(p => p.Containers.Values).Sum(c => c.EphemeralBytes);
        return (capacity.Value, capacity.Value - system - pods);
    }

    /// <summary>rankMemoryPressure / rankDiskPressureFunc: pods using more than they request first, then lower priority, then by usage above the request.</summary>
    private IEnumerable<JsonObject> Rank(IEnumerable<JsonObject> pods, string resource) =>
        pods
            .Where(p => JsonFields.Str(p["spec"], "priorityClassName") is not ("system-node-critical" or "system-cluster-critical"))
            .Select(p => (Pod: p, Usage: Usage(p, resource), Request: PodRequest(p, resource)))
            .OrderByDescending(x => x.Usage > x.Request)
            .ThenBy(x => JsonFields.Long(x.Pod["spec"], "priority") ?? 0)
            .ThenByDescending(x => x.Usage - x.Request)
            .Select(x => x.Pod);

    private long Usage(JsonObject pod, string resource) =>
        _pods.TryGetValue(ObjectMeta.Uid(pod) ?? "", out var runtime)
            ? runtime.Containers.Values.Sum(c => resource == "memory" ? c.MemoryBytes : c.EphemeralBytes)
            : 0;

    private static long PodRequest(JsonObject pod, string resource) =>
        Regular(pod).Sum(c => Quantities.Bytes(Quantities.Resource(c, "requests", resource)) ?? 0);

    private IEnumerable<(string Container, long Usage, string Request)> Offenders(JsonObject pod, string resource)
    {
        var runtime = _pods[ObjectMeta.Uid(pod)!];
        foreach (var spec in Regular(pod))
        {
            if (!runtime.Containers.TryGetValue((string?)spec["name"] ?? "", out var c))
            {
                continue;
            }

            var usage = resource == "memory" ? c.MemoryBytes : c.EphemeralBytes;
            var requestText = Quantities.Resource(spec, "requests", resource);
            if (usage > (Quantities.Bytes(requestText) ?? 0))
            {
                yield return (c.Name, usage / 4096 * 4096, requestText ?? "0");
            }
        }
    }

    /// <summary>The kubelet kills an evicted pod and reports it Failed/Evicted; its controller replaces it.</summary>
    private void Evict(SimulationContext context, JsonObject pod, string message)
    {
        var uid = ObjectMeta.Uid(pod)!;
        var runtime = _pods[uid];
        var involved = ContainerSync.Involved(pod);
        context.Events.Record(involved, "Warning", "Evicted", message, "kubelet", runtime.Node);
        foreach (var c in runtime.Containers.Values.Where(c => c.Stage == ContainerStage.Running))
        {
            var fieldPath = c.Kind == ContainerKind.Regular ? $"spec.containers{{{c.Name}}}" : $"spec.initContainers{{{c.Name}}}";
            context.Events.Record(involved, "Normal", "Killing", $"Stopping container {c.Name}", "kubelet", runtime.Node, fieldPath);
        }

        var now = KubernetesTime.Format(context.Now);
        context.Store.Modify(SimResources.Pods, runtime.Namespace, runtime.Name, (JsonObject p) =>
        {
            var status = JsonFields.Child(p, "status");
            status["phase"] = "Failed";
            status["reason"] = "Evicted";
            status["message"] = message;
            Conditions.Replace(status, "DisruptionTarget", new JsonObject
            {
                ["type"] = "DisruptionTarget",
                ["status"] = "True",
                ["lastProbeTime"] = null,
                ["lastTransitionTime"] = now,
                ["reason"] = "TerminationByKubelet",
                ["message"] = message,
            });
            foreach (var type in new[] { "Ready", "ContainersReady" })
            {
                Conditions.Replace(status, type, new JsonObject
                {
                    ["type"] = type,
                    ["status"] = "False",
                    ["lastProbeTime"] = null,
                    ["lastTransitionTime"] = now,
                    ["reason"] = "PodFailed",
                });
            }

            foreach (var list in new[] { "containerStatuses", "initContainerStatuses" })
            {
                foreach (var cs in (status[list] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (cs["state"]?["terminated"] is not null)
                    {
                        continue;
                    }

                    var started = JsonFields.Str(cs["state"]?["running"], "startedAt");
                    var terminated = new JsonObject
                    {
                        ["exitCode"] = 137,
                        ["reason"] = "ContainerStatusUnknown",
                        ["message"] = "The container could not be located when the pod was terminated",
                    };
                    if (started is not null)
                    {
                        terminated["startedAt"] = started;
                    }

                    terminated["finishedAt"] = now;
                    cs["state"] = new JsonObject { ["terminated"] = terminated };
                    cs["ready"] = false;
                    cs["started"] = false;
                }
            }
        });
        foreach (var c in runtime.Containers.Values)
        {
            if (c.Stage == ContainerStage.Running)
            {
                c.Terminated = new TerminatedState("ContainerStatusUnknown", 137, c.StartedAt ?? context.Now, context.Now, c.ContainerId);
            }

            c.Stage = ContainerStage.Done;
            c.Ready = false;
            c.CpuMillicores = 0;
            c.MemoryBytes = 0;
            c.EphemeralBytes = 0;
        }

        _pods.Remove(uid);
        _finished[uid] = runtime;
        context.MetricsWriter.RemovePod(runtime.Namespace, runtime.Name);
    }

    private static Dictionary<string, bool?> ForcedConditions(JsonObject node)
    {
        var result = new Dictionary<string, bool?>(StringComparer.Ordinal);
        foreach (var item in (ObjectMeta.Annotation(node, WorkloadAnnotations.NodeConditions) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            var type = eq < 0 ? item : item[..eq].Trim();
            var value = eq < 0 || item[(eq + 1)..].Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
            result[type] = value;
        }

        return result;
    }

    private static void UpdateConditions(SimulationContext context, JsonObject node, Dictionary<string, bool> wanted)
    {
        var name = ObjectMeta.Name(node);
        var changes = new List<(string Type, bool Value)>();
        foreach (var (type, value) in wanted)
        {
            var current = Conditions.StatusOf(node["status"], type);
            if (current == "Unknown")
            {
                continue; // a lost node's conditions belong to the node controller
            }

            if ((current == "True") != value && (current is not null || value))
            {
                changes.Add((type, value));
            }
        }

        if (changes.Count == 0)
        {
            return;
        }

        var now = KubernetesTime.Format(context.Now);
        var updated = context.Store.Modify(SimResources.Nodes, null, name, (JsonObject n) =>
        {
            var status = JsonFields.Child(n, "status");
            foreach (var (type, value) in changes)
            {
                var spec = PressureConditions.Single(p => p.Type == type);
                Conditions.Replace(status, type, new JsonObject
                {
                    ["type"] = type,
                    ["status"] = value ? "True" : "False",
                    ["lastHeartbeatTime"] = now,
                    ["lastTransitionTime"] = now,
                    ["reason"] = value ? spec.TrueReason : spec.FalseReason,
                    ["message"] = value ? spec.TrueMessage : spec.FalseMessage,
                });
            }
        });
        foreach (var (type, value) in changes)
        {
            var spec = PressureConditions.Single(p => p.Type == type);
            var reason = value ? spec.TrueEvent : spec.FalseEvent;
            if (reason.Length > 0)
            {
                context.Events.Record(updated, "Normal", reason, $"Node {name} status is now: {reason}", "kubelet", name);
            }
        }
    }
}
