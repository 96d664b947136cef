using OpsBot.Kubernetes;

namespace OpsBot.Clusters;

/// <summary>An <see cref="IClusterProvider"/> over a fixed set of named clients. Names compare case-insensitively.</summary>
public sealed class ClusterProvider : IClusterProvider
{
    private readonly Dictionary<string, KubernetesClient> _clients;

    public ClusterProvider(IReadOnlyDictionary<string, KubernetesClient> clients, string? defaultCluster = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        if (clients.Count == 0)
        {
            throw new ArgumentException("At least one cluster is needed.", nameof(clients));
        }

        _clients = new Dictionary<string, KubernetesClient>(clients, StringComparer.OrdinalIgnoreCase);
        ClusterNames = [.. clients.Keys.Order(StringComparer.Ordinal)];
        DefaultCluster = defaultCluster ?? ClusterNames[0];
        if (!_clients.ContainsKey(DefaultCluster))
        {
            throw new UnknownClusterException(DefaultCluster, ClusterNames);
        }
    }

    /// <summary>A provider with one cluster.</summary>
    public static ClusterProvider Single(string name, KubernetesClient client) =>
        new(new Dictionary<string, KubernetesClient> { [name] = client }, name);

    public IReadOnlyList<string> ClusterNames { get; }

    public string DefaultCluster { get; }

    public KubernetesClient GetClient(string? clusterName)
    {
        var name = string.IsNullOrEmpty(clusterName) ? DefaultCluster : clusterName;
        return _clients.TryGetValue(name, out var client) ? client : throw new UnknownClusterException(name, ClusterNames);
    }
}
