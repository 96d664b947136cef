using k8s;

namespace OpsBot.Clusters;

/// <summary>
/// An <see cref="IClusterProvider"/> over registered clusters; each client is built on first use and then kept (it
/// holds the connection pool). A build that fails (an exec plugin that cannot run, a simulator not started yet) is
/// tried again on the next use. Names compare case-insensitively. Disposing the provider disposes the clients it built.
/// </summary>
public sealed class ClusterProvider : IClusterProvider, IDisposable
{
    private readonly Dictionary<string, ClientSlot> _clients;

    public ClusterProvider(IEnumerable<ClusterRegistration> clusters, string? defaultCluster = null)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        _clients = new Dictionary<string, ClientSlot>(StringComparer.OrdinalIgnoreCase);
        foreach (var cluster in clusters)
        {
            if (!_clients.TryAdd(cluster.Name, new ClientSlot(cluster.CreateClient)))
            {
                throw new ArgumentException($"The cluster \"{cluster.Name}\" is registered twice.", nameof(clusters));
            }
        }

        if (_clients.Count == 0)
        {
            throw new ArgumentException("At least one cluster is needed.", nameof(clusters));
        }

        ClusterNames = [.. _clients.Keys.Order(StringComparer.Ordinal)];
        DefaultCluster = defaultCluster ?? ClusterNames[0];
        if (!_clients.ContainsKey(DefaultCluster))
        {
            throw new UnknownClusterException(DefaultCluster, ClusterNames);
        }
    }

    /// <summary>A provider with one cluster whose client already exists.</summary>
    public static ClusterProvider Single(string name, IKubernetes client) => new([new ClusterRegistration(name, () => client)], name);

    public IReadOnlyList<string> ClusterNames { get; }

    public string DefaultCluster { get; }

    public IKubernetes GetClient(string? clusterName)
    {
        var name = string.IsNullOrEmpty(clusterName) ? DefaultCluster : clusterName;
        return _clients.TryGetValue(name, out var client) ? client.Get() : throw new UnknownClusterException(name, ClusterNames);
    }

    public void Dispose()
    {
        foreach (var slot in _clients.Values)
        {
            slot.Created?.Dispose();
        }
    }

    private sealed class ClientSlot(Func<IKubernetes> create)
    {
        private readonly Lock _gate = new();

        public IKubernetes? Created { get; private set; }

        public IKubernetes Get()
        {
            lock (_gate)
            {
                return Created ??= create();
            }
        }
    }
}
