using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Hosting;
using OpsBot.Testing;
using OpsBot.Tests.Console;

namespace OpsBot.Tests.Hosting;

/// <summary>
/// Several kubeconfig contexts as named clusters (<c>Kubernetes:Contexts</c>), chosen per channel (<c>Cluster</c>) or
/// per command (<c>--cluster</c>): two simulators, one kubeconfig with two contexts, the real host and console API.
/// </summary>
public sealed class MultiClusterTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly ClusterSimulator _eu = Simulator();
    private readonly ClusterSimulator _us = Simulator();
    private string _kubeconfig = "";

    private static ClusterSimulator Simulator() => new(new ClusterSimulatorOptions { UseHttps = false, ControllersEnabled = false, Speed = 0 });

    public async Task InitializeAsync()
    {
        foreach (var (sim, pod) in new[] { (_eu, "web-eu-1"), (_us, "web-us-1") })
        {
            await sim.StartAsync();
            sim.Manifests.ApplyText($$$$"""
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: {{{{pod}}}}, namespace: shop, labels: {app: web}}
                spec: {nodeName: node-a, containers: [{name: app, image: "web:1"}]}
                status: {phase: Running, containerStatuses: [{name: app, ready: true, restartCount: 0, image: "web:1", state: {running: {startedAt: "2026-11-20T03:00:00Z"}}}]}
                """);
        }

        _kubeconfig = _dir.Write("clusters.kubeconfig", $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: eu
              cluster: {"{"}server: {_eu.BaseUrl.ToString().TrimEnd('/')}{"}"}
            - name: us
              cluster: {"{"}server: {_us.BaseUrl.ToString().TrimEnd('/')}{"}"}
            users:
            - name: anonymous
              user: {"{"}{"}"}
            contexts:
            - name: prod-eu
              context: {"{"}cluster: eu, user: anonymous, namespace: shop{"}"}
            - name: prod-us
              context: {"{"}cluster: us, user: anonymous, namespace: shop{"}"}
            current-context: prod-eu
            """);
    }

    public async Task DisposeAsync()
    {
        await _eu.DisposeAsync();
        await _us.DisposeAsync();
        _dir.Dispose();
    }

    private OpsBotHost Host(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Kubernetes:Kubeconfig"] = _kubeconfig,
            ["Kubernetes:Context"] = "prod-eu",
            ["Kubernetes:Contexts:0"] = "prod-eu",
            ["Kubernetes:Contexts:1"] = "prod-us",
            ["Channels:Items:0:Id"] = "console:us-oncall",
            ["Channels:Items:0:Namespaces:0"] = "*",
            ["Channels:Items:0:DefaultNamespace"] = "shop",
            ["Channels:Items:0:Cluster"] = "prod-us",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return new OpsBotHost([.. settings.Select(s => (s.Key, s.Value))]);
    }

    private static async Task<string> RunAsync(HttpClient client, string text, string channel = "incident")
    {
        using var response = await client.PostAsJsonAsync("/api/console/commands", new { text, user = "alice", channel });
        response.EnsureSuccessStatusCode();
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["text"]!;
    }

    [Fact]
    public async Task Commands_DefaultChannelAndFlag_ReachTheNamedCluster()
    {
        await using var host = Host();
        using var client = host.CreateClient();

        var byDefault = await RunAsync(client, "/k8s pods -n shop");
        var byFlag = await RunAsync(client, "/k8s pods -n shop --cluster prod-us");
        var byChannel = await RunAsync(client, "/k8s pods", channel: "us-oncall");
        var flagOverChannel = await RunAsync(client, "/k8s pods --cluster prod-eu", channel: "us-oncall");

        Assert.Contains("web-eu-1", byDefault, StringComparison.Ordinal);
        Assert.DoesNotContain("web-us-1", byDefault, StringComparison.Ordinal);
        Assert.Contains("web-us-1", byFlag, StringComparison.Ordinal);
        Assert.DoesNotContain("web-eu-1", byFlag, StringComparison.Ordinal);
        Assert.Contains("web-us-1", byChannel, StringComparison.Ordinal);
        Assert.Contains("web-eu-1", flagOverChannel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_UnknownCluster_AnswerListsTheKnownOnes()
    {
        await using var host = Host();
        using var client = host.CreateClient();

        var answer = await RunAsync(client, "/k8s pods -n shop --cluster prod-ap");

        Assert.Equal("Unknown cluster \"prod-ap\". Known clusters: prod-eu, prod-us.", answer.Trim());
    }

    [Fact]
    public void Start_ContextMissingFromKubeconfig_FailsWithTheContextsThereAre()
    {
        using var host = Host(("Kubernetes:Contexts:2", "prod-ap"));

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains(
            $"Kubernetes:Contexts names the context \"prod-ap\", which {_kubeconfig} does not have; its contexts: prod-eu, prod-us.",
            Messages(error),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Start_ChannelNamesUnknownCluster_FailsWithTheKnownClusters()
    {
        using var host = Host(("Channels:Items:0:Cluster", "prod-ap"));

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains(
            "Channels:Items:0 (console:us-oncall):Cluster \"prod-ap\" is not a configured cluster; known clusters: prod-eu, prod-us",
            Messages(error),
            StringComparison.Ordinal);
    }

    private static string Messages(Exception error) =>
        string.Join("\n", new[] { error }.Concat(error is AggregateException a ? a.Flatten().InnerExceptions : []).Append(error.InnerException).OfType<Exception>().Select(e => e.Message));
}
