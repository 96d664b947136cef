using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Controllers.Kubelet;

/// <summary>
/// Cache physics: a Service whose running pods are full cache servers (<see cref="WorkloadBehavior.IsCacheFull"/>: more
/// data than <c>--maxmemory</c>, no eviction) refuses writes, so the clients naming it in <c>cache-service</c> slow
/// down and log errors. A higher maxmemory (with a memory limit that fits it) or an evicting policy ends it.
/// </summary>
public static class CacheServers
{
    /// <summary>The (namespace, Service) pairs whose cache refuses writes now.</summary>
    public static IReadOnlySet<(string Namespace, string Service)> Full(ObjectStore store, IReadOnlyList<JsonObject> pods)
    {
        var result = new HashSet<(string, string)>();
        var full = pods.Where(p => (string?)p["status"]?["phase"] == "Running" && p["metadata"]?["deletionTimestamp"] is null
            && (p["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>().Any(c => WorkloadBehavior.For(p, c).IsCacheFull)).ToList();
        if (full.Count == 0)
        {
            return result;
        }

        foreach (var ns in full.Select(ObjectMeta.Namespace).Distinct(StringComparer.Ordinal))
        {
            foreach (var service in store.List(SimResources.Services, ns).Items)
            {
                if (service["spec"]?["selector"] is JsonObject { Count: > 0 } selector
                    && full.Any(p => ObjectMeta.Namespace(p) == ns && selector.All(kv => ObjectMeta.Label(p, kv.Key) == (string?)kv.Value)))
                {
                    result.Add((ns, ObjectMeta.Name(service)));
                }
            }
        }

        return result;
    }
}
