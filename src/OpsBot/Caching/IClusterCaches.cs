namespace OpsBot.Caching;

/// <summary>The watch cache of each cluster (<see cref="ClusterCaches"/>); null for a cluster without one (cache disabled).</summary>
public interface IClusterCaches
{
    ClusterCache? For(string clusterName);

    /// <summary>Every cluster's cache (for <c>/readyz</c> and the dashboard).</summary>
    IReadOnlyList<ClusterCache> All { get; }
}
