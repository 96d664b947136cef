using Microsoft.Extensions.Options;
using OpsBot.Clusters;
using OpsBot.Kubernetes;
using OpsBot.Simulation;

namespace OpsBot.Hosting;

/// <summary>
/// The clusters OpsBot talks to: the configured kubeconfig contexts (or in-cluster), each a named cluster, or the
/// embedded simulator when none is configured. Clients are created on first use, after the simulator started.
/// </summary>
public sealed class ClusterConnection(IOptions<KubernetesOptions> options, KubernetesClientFactory factory, IServiceProvider services) : IDisposable
{
    private readonly Lazy<ClusterProvider> _clusters = new(() =>
    {
        var kubernetes = options.Value;
        if (kubernetes.UsesSimulator)
        {
            return ClusterProvider.Single(KubernetesOptions.SimulatorClusterName, services.GetRequiredService<EmbeddedCluster>().Client);
        }

        var clients = kubernetes.ClusterNames.ToDictionary(name => name, name => factory.CreateConfigured(kubernetes, kubernetes.ContextOf(name)));
        return new ClusterProvider(clients, kubernetes.DefaultClusterName);
    });

    /// <summary>The default cluster's name: "simulator", the configured context's name, or "default".</summary>
    public string Name => options.Value.DefaultClusterName;

    /// <summary>The default cluster's client.</summary>
    public KubernetesClient Client => _clusters.Value.GetClient(null);

    /// <summary>Every configured cluster by name.</summary>
    public IClusterProvider Clusters => _clusters.Value;

    public void Dispose()
    {
        if (_clusters.IsValueCreated && !options.Value.UsesSimulator)
        {
            foreach (var name in _clusters.Value.ClusterNames)
            {
                _clusters.Value.GetClient(name).Dispose();
            }
        }
    }
}
