using OpsBot.ClusterSim.Serialization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Store;
using OpsBot.Testing;

namespace OpsBot.ClusterSim.Tests.Controllers;

/// <summary>
/// A simulator with a frozen clock (time moves only through <see cref="AdvanceAsync"/>), the default
/// controllers with the <see cref="TestKubelet"/> in place of the simulated kubelet (these tests decide
/// exactly when pods are ready and what they use; the real kubelet drives the kubelet and scenario tests),
/// a kubeconfig and a kubectl runner; helpers to build nodes and deployments.
/// </summary>
public sealed class ControllerCluster : IAsyncDisposable
{
    public const string Ns = "default";

    public static readonly DateTimeOffset Start = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    private readonly string _directory;

    private ControllerCluster(ClusterSimulator simulator, string directory, string kubeconfig)
    {
        Simulator = simulator;
        _directory = directory;
        KubeconfigPath = kubeconfig;
        Kubectl = new KubectlRunner(kubeconfig);
        Kubelet = new TestKubelet(simulator.Metrics);
        simulator.Engine.Add(Kubelet);
    }

    public ClusterSimulator Simulator { get; }

    public ObjectStore Store => Simulator.Store;

    public TestKubelet Kubelet { get; }

    public KubectlRunner Kubectl { get; }

    public string KubeconfigPath { get; }

    public static async Task<ControllerCluster> StartAsync(int nodes = 3, string cpu = "4", string memory = "8Gi")
    {
        var simulator = new ClusterSimulator(new ClusterSimulatorOptions { StartTime = Start, Speed = 0, SimulatedKubelet = false });
        await simulator.StartAsync();
        var directory = Directory.CreateTempSubdirectory("clustersim-ctl-").FullName;
        var cluster = new ControllerCluster(simulator, directory, simulator.WriteKubeconfig(Path.Combine(directory, "kubeconfig")));
        for (var i = 1; i <= nodes; i++)
        {
            cluster.AddNode($"node-{i}", cpu, memory);
        }

        return cluster;
    }

    public Task AdvanceAsync(double seconds) => Simulator.Engine.AdvanceAsync(TimeSpan.FromSeconds(seconds));

    public JsonObject AddNode(string name, string cpu = "4", string memory = "8Gi") =>
        Store.Create(SimResources.Nodes, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["kubernetes.io/hostname"] = name } },
            ["spec"] = new JsonObject(),
            ["status"] = new JsonObject
            {
                ["capacity"] = new JsonObject { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = "110" },
                ["allocatable"] = new JsonObject { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = "110" },
                ["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Ready",
                    ["status"] = "True",
                    ["lastHeartbeatTime"] = KubernetesTime.Format(Simulator.Clock.GetUtcNow()),
                    ["lastTransitionTime"] = KubernetesTime.Format(Simulator.Clock.GetUtcNow()),
                    ["reason"] = "KubeletReady",
                    ["message"] = "kubelet is posting ready status",
                }),
            },
        });

    public static JsonObject Deployment(string name, string image, int replicas, string memory = "256Mi", string cpu = "100m") => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "app",
                        ["image"] = image,
                        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = cpu, ["memory"] = memory } },
                    }),
                },
            },
        },
    };

    public JsonObject Create(JsonObject deployment) => Store.Create(SimResources.Deployments, deployment);

    public JsonObject GetDeployment(string name) => Store.Get(SimResources.Deployments, Ns, name);

    public IReadOnlyList<JsonObject> ReplicaSets(string deployment) =>
        Store.List(SimResources.ReplicaSets, Ns, rs => ObjectMeta.Label(rs, "app") == deployment).Items
            .OrderBy(rs => rs["metadata"]!["creationTimestamp"]!.GetValue<string>(), StringComparer.Ordinal).ToList();

    public IReadOnlyList<JsonObject> Pods(string app) => Store.List(SimResources.Pods, Ns, p => ObjectMeta.Label(p, "app") == app).Items;

    public IReadOnlyList<JsonObject> Events(string reason) =>
        Store.List(SimResources.Events, null, e => e["reason"]?.GetValue<string>() == reason).Items;

    /// <summary>Patches a deployment's container image the way <c>kubectl set image</c> ends up doing.</summary>
    public void SetImage(string deployment, string image) =>
        Store.Modify(SimResources.Deployments, Ns, deployment, (JsonObject d) => d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = image);

    /// <summary>Advances second by second until <paramref name="done"/> holds; fails after <paramref name="maxSeconds"/>.</summary>
    public async Task AdvanceUntilAsync(Func<bool> done, int maxSeconds = 120, string? what = null)
    {
        for (var i = 0; i < maxSeconds; i++)
        {
            if (done())
            {
                return;
            }

            await AdvanceAsync(1);
        }

        Assert.True(done(), $"not reached within {maxSeconds}s of virtual time: {what}");
    }

    public async ValueTask DisposeAsync()
    {
        Kubectl.Dispose();
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
