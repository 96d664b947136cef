using k8s;

namespace OpsBot.Clusters;

/// <summary>The Kubernetes clusters OpsBot can talk to, by name (<c>--cluster prod</c>).</summary>
public interface IClusterProvider
{
    /// <summary>The known cluster names.</summary>
    IReadOnlyList<string> ClusterNames { get; }

    /// <summary>The cluster used when neither the command nor the channel names one.</summary>
    string DefaultCluster { get; }

    /// <summary>The client for <paramref name="clusterName"/> (null or empty = <see cref="DefaultCluster"/>), built on first use.</summary>
    /// <exception cref="UnknownClusterException">No cluster has that name.</exception>
    IKubernetes GetClient(string? clusterName);
}
