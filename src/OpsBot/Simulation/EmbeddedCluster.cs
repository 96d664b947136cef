using Microsoft.Extensions.Options;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Scenarios;
using OpsBot.Clusters;
using OpsBot.Kubernetes;
using OpsBot.Storage;
using k8s;

namespace OpsBot.Simulation;

/// <summary>
/// The embedded default cluster: a <see cref="ClusterSimulator"/> in-process, started with the host,
/// with a kubeconfig written under the data folder so that <c>kubectl</c> works against it too. OpsBot
/// itself connects through that same kubeconfig, exactly as it would to a real cluster: the simulator is the
/// cluster <see cref="KubernetesOptions.SimulatorClusterName"/> of the <see cref="IClusterProvider"/> (<see cref="Registration"/>).
/// </summary>
public sealed partial class EmbeddedCluster(
    IOptions<SimulatorOptions> simulatorOptions,
    IOptions<StorageOptions> storageOptions,
    KubernetesClientFactory clients,
    TimeProvider timeProvider,
    ILogger<EmbeddedCluster> logger) : IHostedService, IAsyncDisposable
{
    public ClusterSimulator Simulator { get; } = new(new ClusterSimulatorOptions
    {
        StartTime = timeProvider.GetUtcNow(),
        Speed = simulatorOptions.Value.Speed,
    });

    public string? KubeconfigPath { get; private set; }

    /// <summary>The simulator as a cluster; its client is built from the written kubeconfig on first use.</summary>
    public ClusterRegistration Registration => new(KubernetesOptions.SimulatorClusterName, CreateClient);

    /// <summary>A client through the written kubeconfig, with OpsBot's retries and error counting.</summary>
    public IKubernetes CreateClient() =>
        clients.Create(KubeconfigLoader.Build(KubeconfigPath ?? throw new InvalidOperationException("The embedded cluster has not started yet.")));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var loaded = ScenarioCatalog.Default.Load(Simulator, simulatorOptions.Value.Scenario);
        Simulator.Control.Loaded(loaded); // so that drills and the dashboard know which scenario runs
        LogScenario(logger, loaded.Scenario.Name, loaded.Scenario.Title, loaded.ObjectCount);
        await Simulator.StartAsync(cancellationToken).ConfigureAwait(false);
        KubeconfigPath = Simulator.WriteKubeconfig(Path.Combine(storageOptions.Value.DataDirectory, "simulator.kubeconfig"), ns: "default");
        LogStarted(logger, Simulator.BaseUrl, KubeconfigPath);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Simulator.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scenario {Name} loaded: {Title} ({Objects} objects)")]
    private static partial void LogScenario(ILogger logger, string name, string title, int objects);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated cluster serving at {Url}. Try: KUBECONFIG={Kubeconfig} kubectl get pods -A")]
    private static partial void LogStarted(ILogger logger, Uri url, string kubeconfig);
}
