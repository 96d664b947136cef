using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Scenarios;
using OpsBot.ClusterSim.Tests.Kubelet;
using OpsBot.Testing;

namespace OpsBot.ClusterSim.Tests.Scenarios;

/// <summary>
/// A serving, frozen-clock simulator with one scenario loaded, run by the real controllers and the simulated kubelet,
/// and the real kubectl pointed at it (namespace <see cref="Ns"/> by default): tests look and act only through kubectl
/// and move virtual time with <see cref="AdvanceAsync"/>.
/// </summary>
public sealed class ScenarioCluster : IAsyncDisposable
{
    public const string Ns = "ecommerce-production";

    private readonly TempDirectory _dir = new();

    private ScenarioCluster(ClusterSimulator sim, ScenarioLoadResult loaded)
    {
        Sim = sim;
        Loaded = loaded;
        Kubectl = null!;
    }

    public ClusterSimulator Sim { get; }

    public ScenarioLoadResult Loaded { get; }

    public KubectlRunner Kubectl { get; private set; }

    public DateTimeOffset Now => Sim.Clock.GetUtcNow();

    /// <summary>The scenario loaded but not served (for tests of the catalog itself, which read the store).</summary>
    public static ScenarioCluster Load(string name)
    {
        var sim = new ClusterSimulator(new ClusterSimulatorOptions { StartTime = KubeletCluster.Start, Speed = 0 });
        return new ScenarioCluster(sim, ScenarioCatalog.Default.Load(sim, name));
    }

    /// <summary>The scenario loaded and served, with kubectl ready.</summary>
    public static async Task<ScenarioCluster> StartAsync(string name)
    {
        var cluster = Load(name);
        var sim = cluster.Sim;
        await sim.StartAsync();
        cluster.Kubectl = new KubectlRunner(sim.WriteKubeconfig(Path.Combine(cluster._dir.Path, "kubeconfig"), ns: Ns), TimeSpan.FromSeconds(60));
        return cluster;
    }

    public Task AdvanceAsync(TimeSpan duration) => Sim.Engine.AdvanceAsync(duration);

    /// <summary>Runs kubectl and fails the test (with both streams) unless it exits 0.</summary>
    public async Task<KubectlResult> RunAsync(params string[] args) => (await Kubectl.RunAsync(args)).EnsureSuccess();

    /// <summary>Runs kubectl with <paramref name="stdin"/> (e.g. <c>apply -f -</c>).</summary>
    public async Task<KubectlResult> RunWithInputAsync(string stdin, params string[] args) => (await Kubectl.RunAsync(args, stdin)).EnsureSuccess();

    /// <summary>
    /// Runs a kubectl command that waits for the cluster (<c>rollout status</c>, <c>drain</c>) while virtual time moves
    /// on a second at a time, at most <paramref name="max"/>; returns its result whatever the exit code.
    /// </summary>
    public async Task<KubectlResult> RunWhileAdvancingAsync(TimeSpan max, params string[] args)
    {
        var task = Kubectl.RunAsync(args);
        for (var i = 0; i < max.TotalSeconds && !task.IsCompleted; i++)
        {
            await Task.Delay(40);
            await Sim.Engine.AdvanceAsync(TimeSpan.FromSeconds(1));
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary><c>kubectl get ARGS -o json</c>, parsed.</summary>
    public async Task<JsonObject> GetJsonAsync(params string[] args) =>
        JsonNode.Parse((await RunAsync([.. args, "-o", "json"])).StdOut)!.AsObject();

    /// <summary>The pods labelled <c>app=APP</c>, as <c>kubectl get pods -o json</c> shows them.</summary>
    public async Task<IReadOnlyList<JsonObject>> PodsAsync(string app) =>
        [.. (await GetJsonAsync("get", "pods", "-l", "app=" + app))["items"]!.AsArray().OfType<JsonObject>()];

    /// <summary>The first container's status of every pod labelled <c>app=APP</c>.</summary>
    public async Task<IReadOnlyList<JsonObject>> StatusesAsync(string app) =>
        [.. (await PodsAsync(app)).Select(p => p["status"]!["containerStatuses"]![0]!.AsObject())];

    /// <summary><c>kubectl logs</c> of every pod labelled <c>app=APP</c> (all lines; the previous run's with <paramref name="previous"/>).</summary>
    public async Task<IReadOnlyList<string>> LogsAsync(string app, bool previous = false)
    {
        var lines = new List<string>();
        foreach (var pod in await PodsAsync(app))
        {
            var name = (string)pod["metadata"]!["name"]!;
            var result = await RunAsync(previous ? ["logs", name, "--previous"] : ["logs", name]);
            lines.AddRange(result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        return lines;
    }

    /// <summary>Messages of the namespace's events with <paramref name="reason"/> (<c>kubectl get events --field-selector</c>).</summary>
    public async Task<IReadOnlyList<string>> EventsAsync(string reason) =>
        [.. (await GetJsonAsync("get", "events", "--field-selector", "reason=" + reason))["items"]!.AsArray().Select(e => (string)e!["message"]!)];

    /// <summary>The rows of a kubectl table (header dropped), split on runs of spaces.</summary>
    public static IReadOnlyList<string[]> Rows(KubectlResult table) =>
        [.. table.Lines.Skip(1).Where(l => l.Length > 0).Select(l => System.Text.RegularExpressions.Regex.Split(l.Trim(), @"\s{2,}"))];

    public async ValueTask DisposeAsync()
    {
        Kubectl?.Dispose();
        await Sim.DisposeAsync();
        _dir.Dispose();
    }
}
