using System.Text.Json.Nodes;
using OpsBot.Caching;

namespace OpsBot.Operations;

/// <summary>
/// The watch caches under <c>/readyz</c>'s <c>details.cache</c>: per cluster its scope, whether it is synced, how long
/// the sync took, and per kind the objects held and any broken watch. Never makes the replica unready.
/// </summary>
public sealed class CacheReadinessDetail(TimeProvider timeProvider, IClusterCaches? caches = null) : IReadinessDetail
{
    public string Name => "cache";

    public JsonNode Describe()
    {
        if (caches is null || caches.All.Count == 0)
        {
            return JsonValue.Create("disabled (Kubernetes:Cache:Enabled is false)");
        }

        var now = timeProvider.GetUtcNow();
        var clusters = new JsonObject();
        foreach (var cache in caches.All)
        {
            var kinds = new JsonObject();
            foreach (var kind in cache.KindsNow)
            {
                kinds[kind.Kind] = new JsonObject
                {
                    ["objects"] = kind.Count,
                    ["synced"] = kind.HasSynced,
                    ["watch"] = kind.DisconnectedSince is { } since ? $"interrupted for {(now - since).TotalSeconds:0} s" : kind.HasSynced ? "open" : "not started",
                    ["error"] = kind.LastError,
                };
            }

            clusters[cache.ClusterName] = new JsonObject
            {
                ["state"] = cache.HasSynced ? "synced" : cache.Scope == CacheScope.Off ? "off" : "syncing",
                ["scope"] = cache.Scope switch
                {
                    CacheScope.AllNamespaces => "all namespaces",
                    CacheScope.ChannelNamespaces => "namespaces " + string.Join(", ", cache.CoveredNamespaces),
                    CacheScope.Off => "none",
                    _ => "starting",
                },
                ["syncedInMs"] = cache is { SyncedAt: { } synced, StartedAt: { } started } ? (long)(synced - started).TotalMilliseconds : null,
                ["problem"] = cache.Problem,
                ["kinds"] = kinds,
            };
        }

        return clusters;
    }
}
