using System.Text.Json.Nodes;
using k8s;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Store;

namespace OpsBot.Tests.Caching;

/// <summary>A simulator (controllers off, plain HTTP) with an official client, and pods written straight into its store.</summary>
internal sealed class CacheCluster : IAsyncDisposable
{
    private CacheCluster(ClusterSimulator sim, IKubernetes client)
    {
        Sim = sim;
        Client = client;
    }

    public ClusterSimulator Sim { get; }

    public IKubernetes Client { get; }

    public static async Task<CacheCluster> StartAsync(TimeSpan? bookmarkInterval = null)
    {
        var sim = new ClusterSimulator(new ClusterSimulatorOptions
        {
            UseHttps = false,
            ControllersEnabled = false,
            Api = new OpsBot.ClusterSim.Api.ApiServerOptions { BookmarkInterval = bookmarkInterval ?? TimeSpan.FromSeconds(10) },
        });
        await sim.StartAsync();
        foreach (var ns in new[] { "shop", "payments", "batch" })
        {
            sim.Store.Create(SimResources.Namespaces, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } });
        }

        return new CacheCluster(sim, SimulatorClients.Create(sim));
    }

    public JsonObject AddPod(string ns, string name, int restarts = 0, string? ownerUid = null) =>
        Sim.Store.Create(SimResources.Pods, Pod(ns, name, restarts, ownerUid));

    /// <summary>A running pod with one container, managedFields and the last-applied annotation.</summary>
    public static JsonObject PodJson(string ns, string name) => Pod(ns, name, 0, null);

    public void SetRestarts(string ns, string name, int restarts) =>
        Sim.Store.Modify(SimResources.Pods, ns, name, pod =>
        {
            var status = pod["status"]!["containerStatuses"]![0]!.AsObject();
            status["restartCount"] = restarts;
            status["lastState"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 137, ["reason"] = "OOMKilled", ["finishedAt"] = "2026-12-07T03:00:00Z" } };
        });

    public void DeletePod(string ns, string name) => Sim.Store.Delete(SimResources.Pods, ns, name);

    /// <summary>The pods the API server holds now, as namespace/name → resourceVersion.</summary>
    public async Task<Dictionary<string, string>> ServerPodsAsync()
    {
        var list = await Client.CoreV1.ListPodForAllNamespacesAsync();
        return list.Items.ToDictionary(p => p.Metadata.NamespaceProperty + "/" + p.Metadata.Name, p => p.Metadata.ResourceVersion, StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Sim.DisposeAsync();
    }

    private static JsonObject Pod(string ns, string name, int restarts, string? ownerUid)
    {
        var metadata = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = new JsonObject { ["app"] = name.Split('-')[0], ["tier"] = "web" },
            ["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}", ["team"] = "shop" },
            ["managedFields"] = new JsonArray(new JsonObject { ["manager"] = "kubectl-client-side-apply", ["operation"] = "Update", ["fieldsType"] = "FieldsV1", ["fieldsV1"] = new JsonObject { ["f:metadata"] = new JsonObject() } }),
        };
        if (ownerUid is not null)
        {
            metadata["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet", ["name"] = "owner", ["uid"] = ownerUid, ["controller"] = true });
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["nodeName"] = "node-1", ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "registry.example.com/shop/app:1.0" }) },
            ["status"] = new JsonObject
            {
                ["phase"] = "Running",
                ["containerStatuses"] = new JsonArray(new JsonObject { ["name"] = "app", ["ready"] = true, ["restartCount"] = restarts, ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = "2026-12-07T01:00:00Z" } } }),
            },
        };
    }
}
