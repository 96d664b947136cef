using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Scenarios;
using OpsBot.ClusterSim.Store;

namespace OpsBot.Benchmarks;

/// <summary>
/// The simulator at scale: the real <c>kubectl get pods -A</c> against 10,000 pods (server-side
/// Table, <c>limit=500</c> paging over HTTPS), and the wall time to advance the e-commerce baseline
/// by one simulated hour (3,600 one-second ticks of every controller). The simulator's retained
/// memory with 10,000 pods is printed by the setup (look for "retained").
/// </summary>
// Seconds-long operations with per-iteration setup: one invocation per iteration (Monitoring).
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ClusterSimScaleBenchmarks
{
    private const int PodCount = 10_000;

    private ClusterSimulator _simulator = null!;
    private string _kubeconfig = "";
    private string _cache = "";
    private ClusterSimulator? _scenario;

    [GlobalSetup(Target = nameof(KubectlGetPodsAllNamespaces))]
    public async Task SetupPods()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        _simulator = SimulatedPods.Create(PodCount);

        var after = GC.GetTotalMemory(forceFullCollection: true);
        System.Console.WriteLine($"// simulator retained {(after - before) / (1024.0 * 1024.0):0.0} MB for {PodCount} pods ({(after - before) / PodCount / 1024.0:0.0} KB per pod)");
        await _simulator.StartAsync();
        _kubeconfig = _simulator.WriteKubeconfig(Path.Combine(Path.GetTempPath(), "opsbot-bench.kubeconfig"));
        _cache = Directory.CreateTempSubdirectory("opsbot-bench-kubectl-").FullName;
    }

    [GlobalCleanup(Target = nameof(KubectlGetPodsAllNamespaces))]
    public async Task CleanupPods() => await _simulator.DisposeAsync();

    /// <summary>Lines printed by <c>kubectl get pods -A</c> (header + one per pod).</summary>
    [Benchmark]
    public int KubectlGetPodsAllNamespaces() => Kubectl.GetPodsAllNamespaces(_kubeconfig, _cache, PodCount);

    [IterationSetup(Target = nameof(AdvanceBaselineOneHour))]
    public void SetupScenario()
    {
        _scenario = new ClusterSimulator(new ClusterSimulatorOptions { Speed = 0, StartTime = new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero) });
        ScenarioCatalog.Default.Load(_scenario, "ecommerce-baseline");
    }

    [IterationCleanup(Target = nameof(AdvanceBaselineOneHour))]
    public void CleanupScenario() => _scenario!.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public Task AdvanceBaselineOneHour() => _scenario!.Engine.AdvanceAsync(TimeSpan.FromHours(1));
}
