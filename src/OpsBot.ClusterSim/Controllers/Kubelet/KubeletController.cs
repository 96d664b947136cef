using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>
/// The simulated kubelet of every node: runs the pods bound to a node whose kubelet is up (no
/// <c>sim.opsbot.io/kubelet-stopped: "true"</c> annotation) — pulls images from the simulated
/// <see cref="Registry"/>, builds the environment, starts, probes, OOM-kills and restarts containers with the
/// real back-off, writes pod status and kubelet events, appends container logs and reports usage to the
/// metrics source. Containers behave as their pod's <see cref="WorkloadAnnotations"/> declare.
/// </summary>
public sealed partial class KubeletController : ISimulationController
{
    /// <summary>What the OS and system daemons use on every node, on top of the pods.</summary>
    public const long NodeOverheadMillicores = 120;

    public const long NodeOverheadBytes = 650L << 20;

    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan InitialBackOff = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, PodRuntime> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PodRuntime> _finished = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _nodeImages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _nodeIndexes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _nextHost = new(StringComparer.Ordinal);

    public string Name => "kubelet";

    /// <summary>The registry images are pulled from.</summary>
    public ImageRegistry Registry { get; } = new();

    public void Reconcile(SimulationContext context)
    {
        var store = context.Store;
        var nodes = store.List(SimResources.Nodes).Items
            .Where(n => ObjectMeta.Annotation(n, WorkloadAnnotations.KubeletStopped) != "true")
            .ToDictionary(ObjectMeta.Name, StringComparer.Ordinal);
        var pods = store.List(SimResources.Pods).Items;
        var load = RequestLoad.Compute(store, pods, uid => _pods.TryGetValue(uid, out var p) && p.Ready);
        var refused = DatabaseConnections.Exhaustion(store, pods, RunningClients(context, pods));
        var fullCaches = CacheServers.Full(store, pods);
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var uid = ObjectMeta.Uid(pod) ?? ObjectMeta.Namespace(pod) + "/" + ObjectMeta.Name(pod);
            live.Add(uid);
            if ((string?)pod["spec"]?["nodeName"] is not { } nodeName || !nodes.TryGetValue(nodeName, out var node))
            {
                continue;
            }

            if (pod["metadata"]?["deletionTimestamp"] is not null)
            {
                Terminate(context, pod, uid);
                continue;
            }

            if ((string?)pod["status"]?["phase"] is "Succeeded" or "Failed")
            {
                // Terminal phases are final, as the kubelet's status manager enforces: a pod that finished (or was
                // evicted, or completed before this kubelet knew it) is never run again; its logs stay readable.
                if (_pods.Remove(uid, out var done))
                {
                    _finished[uid] = done;
                    context.MetricsWriter.RemovePod(done.Namespace, done.Name);
                }

                continue;
            }

            if (!_pods.TryGetValue(uid, out var runtime))
            {
                runtime = Admit(context, pod, uid, node);
            }

            SyncPod(context, pod, runtime, node, load.GetValueOrDefault(uid), refused.GetValueOrDefault(uid), fullCaches);
        }

        foreach (var gone in _pods.Keys.Where(uid => !live.Contains(uid)).ToList())
        {
            Forget(context, _pods[gone]);
        }

        foreach (var gone in _finished.Keys.Where(uid => !live.Contains(uid)).ToList())
        {
            Forget(context, _finished[gone]);
        }

        ReportNodes(context, nodes.Values);
        ManagePressure(context, nodes.Values, pods);
    }

    private PodRuntime Admit(SimulationContext context, JsonObject pod, string uid, JsonObject node)
    {
        var nodeName = ObjectMeta.Name(node);
        var runtime = new PodRuntime(ObjectMeta.Namespace(pod), ObjectMeta.Name(pod), uid, nodeName, AllocateIp(node), context.Now);
        _pods[uid] = runtime;
        return runtime;
    }

    private void SyncPod(SimulationContext context, JsonObject pod, PodRuntime runtime, JsonObject node, double requestsPerSecond, double dbRefused, IReadOnlySet<(string Namespace, string Service)> fullCaches)
    {
        var nodeCpu = Quantities.Millicores(Quantities.Text(node["status"]?["allocatable"]?["cpu"])) ?? 4000;
        ContainerSync Sync(JsonObject spec, ContainerKind kind)
        {
            var container = runtime.Containers[(string?)spec["name"] ?? ""];
            var behavior = WorkloadBehavior.For(pod, spec);
            if (behavior.CacheService is { } cache && fullCaches.Contains((runtime.Namespace, cache)))
            {
                behavior = behavior.WithCacheRefusing();
            }

            return new ContainerSync(context, pod, runtime, spec, container, behavior, kind == ContainerKind.Regular ? requestsPerSecond : 0, nodeCpu, dbRefused);
        }

        foreach (var spec in InitContainers(pod).Select(s => (Spec: s, Kind: Kind(s))).Concat(Regular(pod).Select(s => (Spec: s, Kind: ContainerKind.Regular))))
        {
            var name = (string?)spec.Spec["name"] ?? "";
            if (!runtime.Containers.ContainsKey(name))
            {
                runtime.Containers[name] = new ContainerRuntime(name, spec.Kind);
            }
        }

        if (runtime.VolumesReady || MountVolumes(context, pod, runtime))
        {
            // Init containers run one at a time, in order: each must complete (a sidecar: start) before the next.
            var initialized = runtime.Initialized;
            foreach (var spec in InitContainers(pod))
            {
                var sync = Sync(spec, Kind(spec));
                if (sync.Container.Kind == ContainerKind.Init && (sync.Container.Completed || initialized))
                {
                    continue;
                }

                SyncContainer(sync);
                var ready = sync.Container.Kind == ContainerKind.Sidecar
                    ? sync.Container.EverStarted && sync.Container.StartupSucceeded
                    : sync.Container.Completed;
                if (!ready && !initialized)
                {
                    break;
                }
            }

            runtime.Initialized = initialized || InitContainers(pod).All(spec => runtime.Containers[(string?)spec["name"] ?? ""] is var c
                && (c.Kind == ContainerKind.Sidecar ? c.EverStarted && c.StartupSucceeded : c.Completed));
            if (runtime.Initialized)
            {
                foreach (var spec in Regular(pod))
                {
                    SyncContainer(Sync(spec, ContainerKind.Regular));
                }
            }
        }

        WriteStatus(context, pod, runtime, node);
        ReportPod(context, runtime);
    }

    internal static IEnumerable<JsonObject> Regular(JsonObject pod) => (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>();

    internal static IEnumerable<JsonObject> InitContainers(JsonObject pod) => (pod["spec"]?["initContainers"] as JsonArray ?? []).OfType<JsonObject>();

    private static ContainerKind Kind(JsonObject initSpec) =>
        (string?)initSpec["restartPolicy"] == "Always" ? ContainerKind.Sidecar : ContainerKind.Init;

    /// <summary>The running containers this kubelet knows (as of the previous tick), with their behaviour and uptime.</summary>
    private IEnumerable<(JsonObject Pod, WorkloadBehavior Behavior, TimeSpan Since)> RunningClients(SimulationContext context, IReadOnlyList<JsonObject> pods)
    {
        foreach (var pod in pods)
        {
            if (!_pods.TryGetValue(ObjectMeta.Uid(pod) ?? "", out var runtime))
            {
                continue;
            }

            foreach (var spec in Regular(pod))
            {
                if (runtime.Containers.TryGetValue((string?)spec["name"] ?? "", out var c) && c is { Stage: ContainerStage.Running, StartedAt: { } started })
                {
                    yield return (pod, WorkloadBehavior.For(pod, spec), context.Now - started);
                }
            }
        }
    }

    /// <summary>A pod marked for deletion: stop its containers, then let it go.</summary>
    private void Terminate(SimulationContext context, JsonObject pod, string uid)
    {
        if (_pods.TryGetValue(uid, out var runtime))
        {
            foreach (var container in runtime.Containers.Values.Where(c => c.Stage == ContainerStage.Running))
            {
                var fieldPath = container.Kind == ContainerKind.Regular ? $"spec.containers{{{container.Name}}}" : $"spec.initContainers{{{container.Name}}}";
                context.Events.Record(ContainerSync.Involved(pod), "Normal", "Killing", $"Stopping container {container.Name}", "kubelet", runtime.Node, fieldPath);
            }

            Forget(context, runtime);
        }

        try
        {
            context.Store.Delete(SimResources.Pods, ObjectMeta.Namespace(pod), ObjectMeta.Name(pod));
        }
        catch (StoreException)
        {
            // Already gone.
        }
    }

    private void Forget(SimulationContext context, PodRuntime runtime)
    {
        _pods.Remove(runtime.Uid);
        _finished.Remove(runtime.Uid);
        context.Logs.RemovePod(runtime.Namespace, runtime.Name);
        context.MetricsWriter.RemovePod(runtime.Namespace, runtime.Name);
    }

    /// <summary>10.244.N.M: N from the node's podCIDR (or its order of appearance), M counting up per node.</summary>
    private string AllocateIp(JsonObject node)
    {
        var name = ObjectMeta.Name(node);
        if (!_nodeIndexes.TryGetValue(name, out var index))
        {
            var cidr = (string?)node["spec"]?["podCIDR"];
            var parts = cidr?.Split('.');
            index = parts is { Length: 4 } && int.TryParse(parts[2], out var third) ? third : _nodeIndexes.Count + 1;
            _nodeIndexes[name] = index;
        }

        var host = _nextHost.GetValueOrDefault(name, 2);
        _nextHost[name] = host >= 254 ? 2 : host + 1;
        return $"10.244.{index}.{host}";
    }
}
