using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Testing;

namespace OpsBot.ClusterSim.Tests.Support;

/// <summary>
/// A started simulator (HTTPS + token, clock frozen at <see cref="Start"/>) seeded over HTTP with the
/// e-commerce test data, a kubeconfig written for it and a kubectl runner with its own cache.
/// </summary>
public sealed class SeededCluster : IAsyncDisposable
{
    public const string Namespace = "ecommerce-production";
    public const string CrashingPod = "frontend-7d9c8b6f5d-4mnbq";
    public const string RunningPod = "frontend-7d9c8b6f5d-x2k9p";
    public const string PendingPod = "frontend-7d9c8b6f5d-q8wzt";

    public static readonly DateTimeOffset Start = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    private readonly string _directory;

    private SeededCluster(ClusterSimulator simulator, HttpClient http, string directory, string kubeconfig)
    {
        Simulator = simulator;
        Http = http;
        _directory = directory;
        KubeconfigPath = kubeconfig;
        Kubectl = new KubectlRunner(kubeconfig);
    }

    public ClusterSimulator Simulator { get; }

    public HttpClient Http { get; }

    public KubectlRunner Kubectl { get; }

    public string KubeconfigPath { get; }

    public IDictionary<string, string> Uids { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <param name="seed">Whether to load the e-commerce test data.</param>
    /// <param name="https">Serve HTTPS with a token (default) or plain HTTP.</param>
    /// <param name="kubelet">Whether the simulated kubelet runs the recorded pods (false keeps their recorded status).</param>
    public static async Task<SeededCluster> StartAsync(bool seed = true, bool https = true, bool kubelet = true)
    {
        var simulator = new ClusterSimulator(new ClusterSimulatorOptions { StartTime = Start, Speed = 0, UseHttps = https, SimulatedKubelet = kubelet });
        await simulator.StartAsync();
        var directory = Directory.CreateTempSubdirectory("clustersim-test-").FullName;
        var kubeconfig = simulator.WriteKubeconfig(Path.Combine(directory, "kubeconfig"));
        var cluster = new SeededCluster(simulator, simulator.CreateHttpClient(), directory, kubeconfig);
        if (seed)
        {
            await cluster.SeedAsync();
        }

        return cluster;
    }

    /// <summary>POSTs every object of the test data (in order), replacing <c>{{uid:Kind/name}}</c> with real uids.</summary>
    public async Task SeedAsync()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "ecommerce-production.json");
        var objects = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsArray();
        foreach (var item in objects)
        {
            var text = item!.ToJsonString();
            foreach (var (key, uid) in Uids)
            {
                text = text.Replace("{{uid:" + key + "}}", uid, StringComparison.Ordinal);
            }

            if (text.Contains("{{uid:", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"test data refers to an object not created yet: {text[..Math.Min(200, text.Length)]}");
            }

            var obj = JsonNode.Parse(text)!.AsObject();
            var created = await CreateAsync(obj);
            Uids[$"{created["kind"]}/{created["metadata"]!["name"]}"] = created["metadata"]!["uid"]!.GetValue<string>();
        }

        // Logs: the crash-looping pod's previous (OOM-killed) run and its current run; the running pod's log.
        var logs = Simulator.Logs;
        logs.Append(Namespace, CrashingPod, "frontend", "> shop-frontend@2.14.0 start", Start.AddMinutes(-5));
        logs.Append(Namespace, CrashingPod, "frontend", "Listening on :3000", Start.AddMinutes(-5));
        logs.Append(Namespace, CrashingPod, "frontend", "<--- Last few GCs --->", Start.AddMinutes(-2));
        logs.Append(Namespace, CrashingPod, "frontend", "FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory", Start.AddMinutes(-2));
        logs.StartNewRun(Namespace, CrashingPod, "frontend");
        logs.Append(Namespace, CrashingPod, "frontend", "> shop-frontend@2.14.0 start", Start.AddSeconds(-30));
        logs.Append(Namespace, CrashingPod, "frontend", "Listening on :3000", Start.AddSeconds(-29));
        for (var i = 1; i <= 5; i++)
        {
            logs.Append(Namespace, RunningPod, "frontend", $"GET /api/products 200 {40 + i}ms", Start.AddSeconds(-60 + (i * 10)));
        }
    }

    public async Task<JsonObject> CreateAsync(JsonObject obj)
    {
        var definition = Simulator.Registry.FindByKind(obj["apiVersion"]!.GetValue<string>(), obj["kind"]!.GetValue<string>())
            ?? throw new InvalidOperationException($"unknown kind {obj["kind"]}");
        var ns = obj["metadata"]?["namespace"]?.GetValue<string>();
        var url = UrlOf(definition.ApiVersion, definition.Plural, definition.Namespaced ? ns ?? "default" : null);
        using var response = await Http.PostAsync(url, Json(obj));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {url} failed: {(int)response.StatusCode} {body}");
        }

        return JsonNode.Parse(body)!.AsObject();
    }

    public static string UrlOf(string apiVersion, string plural, string? ns, string? name = null)
    {
        var prefix = apiVersion.Contains('/', StringComparison.Ordinal) ? $"apis/{apiVersion}" : $"api/{apiVersion}";
        var url = ns is null ? $"{prefix}/{plural}" : $"{prefix}/namespaces/{ns}/{plural}";
        return name is null ? url : $"{url}/{name}";
    }

    public static StringContent Json(JsonNode node, string mediaType = "application/json") =>
        new(node.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue(mediaType));

    public Task<KubectlResult> KubectlAsync(params string[] args) => Kubectl.RunAsync(args);

    public async ValueTask DisposeAsync()
    {
        Kubectl.Dispose();
        Http.Dispose();
        await Simulator.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
