namespace OpsBot.Clusters;

/// <summary>A command or channel named a cluster OpsBot does not know.</summary>
public sealed class UnknownClusterException : Exception
{
    public UnknownClusterException(string clusterName, IReadOnlyList<string> knownClusters)
        : base($"Unknown cluster \"{clusterName}\". Known clusters: {(knownClusters.Count == 0 ? "none configured" : string.Join(", ", knownClusters))}.")
    {
        ClusterName = clusterName;
        KnownClusters = knownClusters;
    }

    public string ClusterName { get; }

    public IReadOnlyList<string> KnownClusters { get; }
}
