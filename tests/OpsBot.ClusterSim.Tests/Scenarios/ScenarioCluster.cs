using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Api.Patching;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Scenarios;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Tests.Kubelet;

namespace OpsBot.ClusterSim.Tests.Scenarios;

/// <summary>A frozen-clock simulator with one scenario loaded, run by the real controllers and the simulated kubelet.</summary>
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

    /// <summary>The deployment's revision (<c>deployment.kubernetes.io/revision</c>).</summary>
    public int Revision(string deployment) => Revision(Sim.Store.Get(SimResources.Deployments, Ns, deployment));

    /// <summary>The deployment's <c>Progressing</c> condition: status, reason, message.</summary>
    public (string? Status, string? Reason, string? Message) Progressing(string deployment)
    {
        var condition = (Sim.Store.Get(SimResources.Deployments, Ns, deployment)["status"]?["conditions"] as JsonArray ?? [])
            .Single(x => (string?)x?["type"] == "Progressing")!;
        return ((string?)condition["status"], (string?)condition["reason"], (string?)condition["message"]);
    }

    /// <summary>The deployment's ReplicaSets (owned by its uid).</summary>
    public IReadOnlyList<JsonObject> ReplicaSets(string deployment)
    {
        var uid = ObjectMeta.Uid(Sim.Store.Get(SimResources.Deployments, Ns, deployment));
        return [.. Sim.Store.List(SimResources.ReplicaSets, Ns).Items
            .Where(rs => (rs["metadata"]?["ownerReferences"] as JsonArray ?? []).Any(o => (string?)o?["uid"] == uid))];
    }

    /// <summary>Pods of the deployment's current ReplicaSet (the one carrying its revision).</summary>
    public IReadOnlyList<JsonObject> PodsOfRevision(string deployment, int revision)
    {
        var rs = ReplicaSets(deployment).Single(r => Revision(r) == revision);
        var hash = ObjectMeta.Label(rs, "pod-template-hash");
        return [.. Pods(deployment).Where(p => ObjectMeta.Label(p, "pod-template-hash") == hash)];
    }

    /// <summary>
    /// What <c>kubectl rollout undo</c> does: the template of the ReplicaSet with the previous revision (without its
    /// pod-template-hash label) becomes the deployment's template; the deployment controller then reuses that ReplicaSet.
    /// </summary>
    public void Undo(string deployment)
    {
        var current = Revision(deployment);
        var previous = ReplicaSets(deployment).Where(rs => Revision(rs) < current).MaxBy(Revision)
            ?? throw new InvalidOperationException($"deployment {deployment} has no previous revision");
        var template = previous["spec"]!["template"]!.DeepClone().AsObject();
        template["metadata"]?["labels"]?.AsObject().Remove("pod-template-hash");
        Sim.Store.Modify(SimResources.Deployments, Ns, deployment, d => d["spec"]!["template"] = template);
    }

    private static int Revision(JsonObject obj) =>
        int.Parse(ObjectMeta.Annotation(obj, "deployment.kubernetes.io/revision") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync() => await Sim.DisposeAsync();
}
