using OpsBot.ClusterSim.Hosting;
using OpsBot.Testing;

namespace OpsBot.Tests.Deploy;

/// <summary>A started simulator and the folder of its kubeconfig, disposed together.</summary>
internal sealed record SimulatedCluster(ClusterSimulator Simulator, TempDirectory Directory, string Kubeconfig) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync();
        Directory.Dispose();
    }
}
