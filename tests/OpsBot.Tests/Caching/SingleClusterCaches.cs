using OpsBot.Caching;

namespace OpsBot.Tests.Caching;

/// <summary>One cluster's cache, as the host's <see cref="ClusterCaches"/> would hand it to the command pipeline.</summary>
internal sealed class SingleClusterCaches(string clusterName, ClusterCache cache) : IClusterCaches
{
    public IReadOnlyList<ClusterCache> All { get; } = [cache];

    public ClusterCache? For(string name) => string.Equals(name, clusterName, StringComparison.OrdinalIgnoreCase) ? cache : null;
}
