using System.Text.Json.Nodes;
using OpsBot.Caching;
using OpsBot.ClusterObjects;
using OpsBot.Commands.K8s;
using OpsBot.Kubernetes;
using k8s;
using k8s.Models;

namespace OpsBot.Console;

/// <summary>The dashboard's cluster overview: pods (problems first), nodes (conditions first), HPAs (at their maximum first).</summary>
internal static class DashboardCluster
{
    /// <summary>The most pod rows the dashboard carries (the counts cover every pod).</summary>
    public const int MaxPodRows = 100;

    public static async Task<JsonObject> ReadAsync(ClusterReads reads, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reads);
        var pods = await reads.PodsAsync(null, cancellationToken: cancellationToken).ConfigureAwait(false);
        var nodes = await reads.NodesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var hpas = await reads.HorizontalPodAutoscalersAsync(null, cancellationToken).ConfigureAwait(false);
        return new JsonObject
        {
            ["pods"] = Pods(pods, now),
            ["nodes"] = Nodes(nodes, pods),
            ["hpas"] = Hpas(hpas),
        };
    }

    private static JsonObject Pods(IReadOnlyList<V1Pod> pods, DateTimeOffset now)
    {
        var summaries = pods.Select(PodSummary.Of).ToList();
        summaries.Sort((a, b) =>
        {
            var order = a.Severity.CompareTo(b.Severity);
            order = order != 0 ? order : b.Restarts.CompareTo(a.Restarts);
            order = order != 0 ? order : string.CompareOrdinal(a.Namespace, b.Namespace);
            return order != 0 ? order : string.CompareOrdinal(a.Name, b.Name);
        });
        return new JsonObject
        {
            ["total"] = summaries.Count,
            ["problems"] = summaries.Count(pod => pod.IsProblem),
            ["summary"] = summaries.Count == 0 ? "no pods" : PodsHandler.Summary(summaries),
            ["rows"] = new JsonArray([.. summaries.Take(MaxPodRows).Select(pod => (JsonNode)new JsonObject
            {
                ["namespace"] = pod.Namespace,
                ["name"] = pod.Name,
                ["ready"] = pod.Ready,
                ["status"] = pod.Status,
                ["restarts"] = pod.RestartsText(now),
                ["age"] = Ages.Since(pod.Created, now),
                ["node"] = pod.Node,
                ["problem"] = pod.IsProblem,
            })]),
        };
    }

    private static JsonArray Nodes(IReadOnlyList<V1Node> nodes, IReadOnlyList<V1Pod> pods)
    {
        var byNode = pods.Where(pod => pod.Spec?.NodeName is not null).ToLookup(pod => pod.Spec!.NodeName!, StringComparer.Ordinal);
        return new JsonArray([.. nodes
            .Select(node => NodeSummary.Of(node, [.. byNode[node.Metadata?.Name ?? string.Empty]]))
            .OrderByDescending(node => node.IsProblem)
            .ThenBy(node => node.Name, StringComparer.Ordinal)
            .Select(node => (JsonNode)new JsonObject
            {
                ["name"] = node.Name,
                ["status"] = node.Status,
                ["conditions"] = new JsonArray([.. node.Problems.Select(problem => (JsonNode)JsonValue.Create(problem))]),
                ["taints"] = new JsonArray([.. node.Taints.Select(taint => (JsonNode)JsonValue.Create(taint))]),
                ["cpuRequested"] = node.CpuRequested,
                ["memoryRequested"] = node.MemoryRequested,
                ["pods"] = node.Pods,
                ["problem"] = node.IsProblem,
            })]);
    }

    private static JsonArray Hpas(IReadOnlyList<V2HorizontalPodAutoscaler> hpas) =>
        new([.. hpas
            .OrderByDescending(hpa => HpaFormat.Limit(hpa) is not null)
            .ThenBy(hpa => hpa.Metadata?.NamespaceProperty, StringComparer.Ordinal)
            .ThenBy(hpa => hpa.Metadata?.Name, StringComparer.Ordinal)
            .Select(hpa => (JsonNode)new JsonObject
            {
                ["namespace"] = hpa.Metadata?.NamespaceProperty,
                ["name"] = hpa.Metadata?.Name,
                ["current"] = hpa.Status?.CurrentReplicas ?? 0,
                ["desired"] = hpa.Status?.DesiredReplicas ?? 0,
                ["min"] = hpa.Spec?.MinReplicas ?? 1,
                ["max"] = hpa.Spec?.MaxReplicas,
                ["targets"] = HpaFormat.Targets(hpa),
                ["limited"] = HpaFormat.Limit(hpa),
            })]);
}
