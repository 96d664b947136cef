using OpsBot.ClusterSim.Store;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Scenarios;

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
        _simulator = new ClusterSimulator(new ClusterSimulatorOptions { Speed = 0, ControllersEnabled = false, StartTime = new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero) });
        for (var i = 0; i < PodCount; i++)
        {
            _simulator.Store.Create(SimResources.Pods, Pod(i));
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// simulator retained {(after - before) / (1024.0 * 1024.0):0.0} MB for {PodCount} pods ({(after - before) / PodCount / 1024.0:0.0} KB per pod)");
        await _simulator.StartAsync();
        _kubeconfig = _simulator.WriteKubeconfig(Path.Combine(Path.GetTempPath(), "opsbot-bench.kubeconfig"));
        _cache = Directory.CreateTempSubdirectory("opsbot-bench-kubectl-").FullName;
    }

    [GlobalCleanup(Target = nameof(KubectlGetPodsAllNamespaces))]
    public async Task CleanupPods() => await _simulator.DisposeAsync();

    /// <summary>Lines printed by <c>kubectl get pods -A</c> (header + one per pod).</summary>
    [Benchmark]
    public int KubectlGetPodsAllNamespaces()
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--kubeconfig", _kubeconfig, "get", "pods", "-A"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KUBECACHEDIR"] = _cache;
        using var process = Process.Start(start)!;
        var lines = 0;
        while (process.StandardOutput.ReadLine() is not null)
        {
            lines++;
        }

        process.WaitForExit();
        return process.ExitCode == 0 && lines == PodCount + 1 ? lines : throw new InvalidOperationException($"kubectl printed {lines} lines, exit {process.ExitCode}: {process.StandardError.ReadToEnd()}");
    }

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

    private static JsonObject Pod(int i)
    {
        var ns = "team-" + (i % 20).ToString(CultureInfo.InvariantCulture);
        var app = "svc-" + (i % 97).ToString(CultureInfo.InvariantCulture);
        var name = $"{app}-7d9c8b6f5d-{i:x5}";
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = new JsonObject { ["app"] = app, ["pod-template-hash"] = "7d9c8b6f5d" },
            },
            ["spec"] = new JsonObject
            {
                ["nodeName"] = "node-" + (i % 50).ToString(CultureInfo.InvariantCulture),
                ["containers"] = new JsonArray(new JsonObject
                {
                    ["name"] = "app",
                    ["image"] = $"registry.example.com/{app}:1.4.2",
                    ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" }, ["limits"] = new JsonObject { ["memory"] = "256Mi" } },
                }),
            },
            ["status"] = new JsonObject
            {
                ["phase"] = "Running",
                ["podIP"] = $"10.244.{i / 250 % 250}.{i % 250}",
                ["startTime"] = "2026-11-19T03:00:00Z",
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True" }),
                ["containerStatuses"] = new JsonArray(new JsonObject
                {
                    ["name"] = "app",
                    ["ready"] = true,
                    ["restartCount"] = i % 7 == 0 ? 3 : 0,
                    ["image"] = $"registry.example.com/{app}:1.4.2",
                    ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = "2026-11-19T03:00:05Z" } },
                }),
            },
        };
    }
}
