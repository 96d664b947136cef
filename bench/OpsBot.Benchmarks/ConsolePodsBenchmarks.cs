using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Testing;

namespace OpsBot.Benchmarks;

/// <summary>
/// <c>/k8s pods -A</c> on 10,000 pods through OpsBot's console API (<c>POST /api/console/commands</c>; the real host as
/// its own process, its cluster a simulator over HTTPS), side by side with the real <c>kubectl get pods -A</c> against
/// the same simulator. The setup prints the bot's resident memory idle, after one command, and after the run
/// (look for "bot RSS").
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 10)]
public class ConsolePodsBenchmarks
{
    private const int PodCount = 10_000;

    private ClusterSimulator _simulator = null!;
    private string _kubeconfig = "";
    private string _cache = "";
    private OpsBotProcess? _bot;
    private HttpClient? _http;

    [GlobalSetup(Target = nameof(KubectlGetPodsAllNamespaces))]
    public async Task SetupKubectl()
    {
        _simulator = SimulatedPods.Create(PodCount);
        await _simulator.StartAsync();
        _kubeconfig = _simulator.WriteKubeconfig(Path.Combine(Path.GetTempPath(), $"opsbot-bench-{Environment.ProcessId}.kubeconfig"));
        _cache = Directory.CreateTempSubdirectory("opsbot-bench-kubectl-").FullName;
    }

    [GlobalSetup(Target = nameof(BotPodsAllNamespaces))]
    public async Task SetupBot()
    {
        await SetupKubectl();
        _bot = await BenchBot.StartAsync(_kubeconfig);
        _http = new HttpClient { BaseAddress = _bot.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        await Task.Delay(TimeSpan.FromSeconds(3));
        var idle = _bot.ResidentMegabytes();
        await BotPodsAllNamespaces();
        System.Console.WriteLine($"// bot RSS idle {idle:0.0} MB, after one /k8s pods -A {_bot.ResidentMegabytes():0.0} MB");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_bot is not null)
        {
            System.Console.WriteLine($"// bot RSS after the run {_bot.ResidentMegabytes():0.0} MB");
            _http!.Dispose();
            await _bot.DisposeAsync();
        }

        await _simulator.DisposeAsync();
    }

    /// <summary>The console API's answer to <c>/k8s pods -A</c>, checked to cover all 10,000 pods.</summary>
    [Benchmark]
    public async Task<int> BotPodsAllNamespaces()
    {
        using var response = await _http!.PostAsJsonAsync("api/console/commands", new { text = "/k8s pods -A", user = "alice", channel = "bench" });
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var text = (string?)body["text"] ?? "";
        return (int?)body["report"]?["total"] == PodCount ? text.Length : throw new InvalidOperationException($"unexpected answer: {text[..Math.Min(text.Length, 300)]}");
    }

    [Benchmark(Baseline = true)]
    public int KubectlGetPodsAllNamespaces() => Kubectl.GetPodsAllNamespaces(_kubeconfig, _cache, PodCount);
}
