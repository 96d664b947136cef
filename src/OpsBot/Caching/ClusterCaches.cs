using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpsBot.Authorization;
using OpsBot.Clusters;

namespace OpsBot.Caching;

/// <summary>
/// One <see cref="ClusterCache"/> per configured cluster when <see cref="ClusterCacheOptions.Enabled"/> (none otherwise),
/// each over the cluster's client from <see cref="IClusterProvider"/> (built when the cache starts, retried until it
/// can be). <see cref="ClusterCacheService"/> runs them.
/// </summary>
public sealed class ClusterCaches : IClusterCaches
{
    private readonly Dictionary<string, ClusterCache> _caches = new(StringComparer.OrdinalIgnoreCase);

    public ClusterCaches(
        IClusterProvider clusters,
        IOptions<ClusterCacheOptions> options,
        IOptions<ChannelOptions> channels,
        TimeProvider timeProvider,
        IEnumerable<IPodRestartListener> restartListeners,
        ILoggerFactory loggers,
        IClusterClock? clusterClock = null)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(loggers);
        if (!options.Value.Enabled)
        {
            All = [];
            return;
        }

        var listeners = restartListeners.ToList();
        var logger = loggers.CreateLogger<ClusterCache>();
        foreach (var name in clusters.ClusterNames)
        {
            var policies = channels.Value.Items.Where(channel => string.Equals(channel.Cluster ?? clusters.DefaultCluster, name, StringComparison.OrdinalIgnoreCase)).ToList();
            var namespaces = policies.SelectMany(policy => policy.Namespaces.Concat(policy.DefaultNamespace is { } ns ? [ns] : []))
                .Concat(channels.Value.Default?.DefaultNamespace is { } fallback && string.Equals(name, clusters.DefaultCluster, StringComparison.OrdinalIgnoreCase) ? [fallback] : [])
                .Distinct(StringComparer.Ordinal)
                .ToList();
            _caches[name] = new ClusterCache(name, () => clusters.GetClient(name), options.Value, namespaces, timeProvider, client => clusterClock?.For(client), listeners, logger);
        }

        All = [.. _caches.Values];
    }

    public IReadOnlyList<ClusterCache> All { get; }

    public ClusterCache? For(string clusterName) => _caches.GetValueOrDefault(clusterName);
}
