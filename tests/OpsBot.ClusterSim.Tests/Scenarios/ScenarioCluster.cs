using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api.Patching;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Scenarios;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Tests.Kubelet;

namespace OpsBot.ClusterSim.Tests.Scenarios;

/// <summary>A frozen-clock simulator with one scenario loaded and the test stand-in creating pods from Deployments.</summary>
public sealed class ScenarioCluster : IAsyncDisposable
{
    public const string Ns = "ecommerce-production";

    private ScenarioCluster(ClusterSimulator sim, ScenarioLoadResult loaded)
    {
        Sim = sim;
        Loaded = loaded;
    }

    public ClusterSimulator Sim { get; }

    public ScenarioLoadResult Loaded { get; }

    public static ScenarioCluster Load(string name)
    {
        var sim = new ClusterSimulator(new ClusterSimulatorOptions { StartTime = KubeletCluster.Start, Speed = 0 });
        var loaded = ScenarioCatalog.Default.Load(sim, name);
        return new ScenarioCluster(sim, loaded);
    }

    public Task AdvanceAsync(TimeSpan duration) => Sim.Engine.AdvanceAsync(duration);

    public IReadOnlyList<JsonObject> Pods(string app) =>
        [.. Sim.Store.List(SimResources.Pods, Ns).Items.Where(p => ObjectMeta.Label(p, "app") == app)];

    public IReadOnlyList<JsonObject> Statuses(string app) =>
        [.. Pods(app).Select(p => p["status"]?["containerStatuses"]?[0]).OfType<JsonObject>()];

    public IReadOnlyList<string> Logs(string app, bool previous = false) =>
        [.. Pods(app).SelectMany(p => Sim.Logs.Read(Ns, ObjectMeta.Name(p), app, previous) ?? []).Select(l => l.Text)];

    public IReadOnlyList<string> Events(string reason) =>
        [.. Sim.Store.List(SimResources.Events, Ns).Items.Where(e => (string?)e["reason"] == reason).Select(e => (string)e["message"]!)];

    public IReadOnlyList<long> CpuMillicores(string app) =>
        [.. Sim.Metrics.GetPodMetrics(Ns).Where(p => Pods(app).Any(x => ObjectMeta.Name(x) == p.Name)).Select(p => p.Containers.Single().CpuMillicores)];

    /// <summary>A strategic-merge patch, as <c>kubectl patch</c> or OpsBot would send it.</summary>
    public void Patch(GroupVersionResource resource, string name, string json) =>
        Sim.Store.Modify(resource, Ns, name, obj => StrategicMergePatch.Apply(obj, JsonNode.Parse(json))!.AsObject());

    public JsonObject Template(string deployment) => Sim.Store.Get(SimResources.Deployments, Ns, deployment)["spec"]!["template"]!.AsObject();

    /// <summary>What <c>kubectl rollout undo</c> amounts to: the deployment gets an earlier template back.</summary>
    public void Rollback(string deployment, JsonObject template) =>
        Sim.Store.Modify(SimResources.Deployments, Ns, deployment, d => d["spec"]!["template"] = template.DeepClone());

    public async ValueTask DisposeAsync() => await Sim.DisposeAsync();
}
