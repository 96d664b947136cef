using Microsoft.Extensions.Options;
using OpsBot.Kubernetes;
using OpsBot.Simulation;

namespace OpsBot.Hosting;

/// <summary>
/// The cluster OpsBot talks to: the configured one (kubeconfig context or in-cluster), or the
/// embedded simulator when none is configured. Created on first use, after the simulator started.
/// </summary>
public sealed class ClusterConnection(IOptions<KubernetesOptions> options, KubernetesClientFactory factory, IServiceProvider services) : IDisposable
{
    private readonly Lazy<KubernetesClient> _client = new(() => options.Value.UsesSimulator
        ? services.GetRequiredService<EmbeddedCluster>().Client
        : factory.CreateConfigured(options.Value));

    /// <summary>"simulator" or the configured context's name.</summary>
    public string Name => options.Value.UsesSimulator ? "simulator" : options.Value.Context is { Length: > 0 } context ? context : "default";

    public KubernetesClient Client => _client.Value;

    public void Dispose()
    {
        if (_client.IsValueCreated && !options.Value.UsesSimulator)
        {
            _client.Value.Dispose();
        }
    }
}
