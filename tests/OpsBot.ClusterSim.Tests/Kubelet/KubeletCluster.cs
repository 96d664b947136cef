using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Store;
using OpsBot.Testing;

namespace OpsBot.ClusterSim.Tests.Kubelet;

/// <summary>A simulator with a frozen clock and one or more nodes, stepped with <c>Engine.AdvanceAsync</c>; optionally serving for kubectl.</summary>
public sealed class KubeletCluster : IAsyncDisposable
{
    public const string Ns = "shop";
    public const string Node = "node-a";

    public static readonly DateTimeOffset Start = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    private KubeletCluster(ClusterSimulator sim) => Sim = sim;

    public ClusterSimulator Sim { get; }

    public KubectlRunner? Kubectl { get; private set; }

    public static async Task<KubeletCluster> StartAsync(bool serve = false, params string[] nodes)
    {
        var sim = new ClusterSimulator(new ClusterSimulatorOptions { StartTime = Start, Speed = 0 });
        var cluster = new KubeletCluster(sim);
        sim.Manifests.ApplyText($"apiVersion: v1\nkind: Namespace\nmetadata: {{name: {Ns}}}\n");
        foreach (var node in nodes.Length == 0 ? [Node] : nodes)
        {
            sim.Manifests.ApplyText(NodeYaml(node));
        }

        if (serve)
        {
            await sim.StartAsync();
            var dir = Directory.CreateTempSubdirectory("kubelet-test-").FullName;
            cluster.Kubectl = new KubectlRunner(sim.WriteKubeconfig(Path.Combine(dir, "kubeconfig")));
        }

        return cluster;
    }

    public static string NodeYaml(string name, int index = 1) => $$"""
        apiVersion: v1
        kind: Node
        metadata:
          name: {{name}}
          labels: {kubernetes.io/hostname: {{name}}}
        spec:
          podCIDR: 10.244.{{index}}.0/24
        status:
          capacity: {cpu: "4", memory: 16Gi, pods: "110"}
          allocatable: {cpu: 3920m, memory: 15Gi, pods: "110"}
          addresses:
          - {type: InternalIP, address: 10.0.1.{{10 + index}}}
          conditions:
          - {type: Ready, status: "True", reason: KubeletReady, message: kubelet is posting ready status}
        """;

    /// <summary>A pod bound to <see cref="Node"/> with one container <c>app</c>; <paramref name="extra"/> is YAML appended to the container.</summary>
    public static string PodYaml(string name, string image = "web:v1", string annotations = "{}", string extra = "", string node = Node) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
          namespace: {{Ns}}
          labels: {app: {{name}}}
          annotations: {{annotations}}
        spec:
          nodeName: {{node}}
          containers:
          - name: app
            image: {{image}}
            ports: [{containerPort: 8080, name: http}]
        {{Indent(extra, 4)}}
        """;

    public void Apply(string yaml) => Sim.Manifests.ApplyText(yaml);

    public Task AdvanceAsync(TimeSpan duration) => Sim.Engine.AdvanceAsync(duration);

    /// <summary>Steps one second at a time until <paramref name="done"/> holds (at most <paramref name="maxSeconds"/>).</summary>
    public async Task AdvanceUntilAsync(Func<bool> done, int maxSeconds = 600)
    {
        for (var i = 0; i < maxSeconds && !done(); i++)
        {
            await AdvanceAsync(1);
        }

        Assert.True(done(), $"condition not reached within {maxSeconds}s");
    }

    public string? WaitingReason(string pod) => (string?)Pod(pod)["status"]?["containerStatuses"]?[0]?["state"]?["waiting"]?["reason"];

    public Task AdvanceAsync(int seconds) => Sim.Engine.AdvanceAsync(TimeSpan.FromSeconds(seconds));

    public JsonObject Pod(string name) => Sim.Store.Get(SimResources.Pods, Ns, name);

    public JsonObject Container(string name) => (JsonObject)Pod(name)["status"]!["containerStatuses"]![0]!;

    public int Restarts(string name) => (int?)Pod(name)["status"]?["containerStatuses"]?[0]?["restartCount"] ?? 0;

    public IReadOnlyList<JsonObject> Events(string pod) =>
        [.. Sim.Store.List(SimResources.Events, Ns).Items.Where(e => (string?)e["involvedObject"]!["name"] == pod)];

    public IReadOnlyList<string> EventTexts(string pod) =>
        [.. Events(pod).Select(e => $"{e["type"]} {e["reason"]} {e["message"]}")];

    public IReadOnlyList<string> LogLines(string pod, bool previous = false) =>
        [.. (Sim.Logs.Read(Ns, pod, "app", previous) ?? []).Select(l => l.Text)];

    public string Uid(string pod) => ObjectMeta.Uid(Pod(pod))!;

    public async ValueTask DisposeAsync()
    {
        Kubectl?.Dispose();
        await Sim.DisposeAsync();
    }

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.Split('\n').Select(l => l.Length == 0 ? l : new string(' ', spaces) + l));
}
