using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Access;
using OpsBot.ClusterSim.Api;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Replays;

/// <summary>
/// Loads a <see cref="ClusterDump"/> into a fresh simulator exactly as recorded: objects restored with their uids,
/// creationTimestamps, ownerReferences, resourceVersions and status (<see cref="ObjectStore.Restore"/>), Events
/// included; logs as current and previous runs with their timestamps; metrics with their sample times. Kinds the
/// simulator does not serve are skipped and counted. A namespace that objects live in but the dump lacks, the
/// namespaces every cluster has and the default RBAC roles are added after the recorded objects (with newer
/// resourceVersions), so kubectl and ServiceAccount tokens work as on any cluster.
/// </summary>
public static class ReplayLoader
{
    private static readonly string[] DefaultNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    /// <summary>Loads <paramref name="dump"/>; <paramref name="at"/> is the replay's start (lines and samples without a time get it).</summary>
    public static ReplayResult Load(ClusterSimulator sim, ClusterDump dump, DateTimeOffset at)
    {
        var now = at;
        var restored = new List<(GroupVersionResource, JsonObject)>();
        var skipped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var obj in dump.Objects)
        {
            var apiVersion = ObjectMeta.GetString(obj, "apiVersion") ?? "";
            var kind = ObjectMeta.GetString(obj, "kind") ?? "";
            if (sim.Registry.FindByKind(apiVersion, kind) is not { IsMetrics: false, IsReview: false } definition || ObjectMeta.Name(obj).Length == 0)
            {
                var key = $"{apiVersion} {kind}";
                skipped[key] = skipped.GetValueOrDefault(key) + 1;
                continue;
            }

            var copy = obj.DeepClone().AsObject();
            var meta = ObjectMeta.Metadata(copy);
            if (!definition.Namespaced)
            {
                meta.Remove("namespace");
            }
            else if (ObjectMeta.Namespace(copy).Length == 0)
            {
                meta["namespace"] = "default";
            }

            restored.Add((definition.Resource, copy));
        }

        sim.Store.Restore(restored);
        var added = AddMissingNamespaces(sim, restored);
        foreach (var obj in BootstrapPolicy.Objects())
        {
            var definition = sim.Registry.FindByKind(ObjectMeta.GetString(obj, "apiVersion")!, ObjectMeta.GetString(obj, "kind")!)!;
            if (sim.Store.TryGet(definition.Resource, null, ObjectMeta.Name(obj)) is null)
            {
                sim.Manifests.Apply(obj);
            }
        }

        LoadLogs(sim, dump.Logs, now);
        var pods = 0;
        var nodes = 0;
        foreach (var sample in dump.Metrics)
        {
            if (ObjectMeta.GetString(sample, "kind") == "PodMetrics")
            {
                sim.Metrics.SetPodMetrics(DumpMetrics.Pod(sample, now));
                pods++;
            }
            else
            {
                sim.Metrics.SetNodeMetrics(DumpMetrics.Node(sample, now));
                nodes++;
            }
        }

        return new ReplayResult(dump.Source, now, restored.Count, dump.Logs.Count, pods, nodes, skipped, added);
    }

    private static List<string> AddMissingNamespaces(ClusterSimulator sim, List<(GroupVersionResource Resource, JsonObject Object)> restored)
    {
        var added = new List<string>();
        var used = restored.Select(r => ObjectMeta.Namespace(r.Object)).Where(ns => ns.Length > 0).Concat(DefaultNamespaces).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var ns in used)
        {
            if (sim.Store.TryGet(SimResources.Namespaces, null, ns) is not null)
            {
                continue;
            }

            sim.Manifests.Apply(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = ns, ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = ns } },
                ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
                ["status"] = new JsonObject { ["phase"] = "Active" },
            });
            if (!DefaultNamespaces.Contains(ns))
            {
                added.Add(ns);
            }
        }

        return added;
    }

    private static void LoadLogs(ClusterSimulator sim, IReadOnlyList<DumpLog> logs, DateTimeOffset now)
    {
        // Previous run first, then the current one: the log store keeps exactly one previous run.
        foreach (var group in logs.GroupBy(l => (l.Namespace, l.Pod, l.Container)))
        {
            var (ns, pod, container) = group.Key;
            if (group.FirstOrDefault(l => l.Previous) is { } previous)
            {
                Append(sim, previous, now);
                sim.Logs.StartNewRun(ns, pod, container);
            }

            if (group.FirstOrDefault(l => !l.Previous) is { } current)
            {
                Append(sim, current, now);
            }
        }
    }

    private static void Append(ClusterSimulator sim, DumpLog log, DateTimeOffset now)
    {
        foreach (var line in log.Lines)
        {
            sim.Logs.Append(log.Namespace, log.Pod, log.Container, line.Text, line.Timestamp ?? now);
        }
    }
}
