using System.Globalization;
using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Store;

namespace OpsBot.Benchmarks;

/// <summary>
/// A simulator (controllers off, frozen clock) holding N pods in 20 namespaces on 50 nodes: small ones (0.6 KB) or
/// <see cref="RealisticPods"/> (about 5 KB, shaped like a real pod).
/// </summary>
internal static class SimulatedPods
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    public static ClusterSimulator Create(int count, bool realistic = false)
    {
        var simulator = new ClusterSimulator(new ClusterSimulatorOptions { Speed = 0, ControllersEnabled = false, StartTime = Start });
        Seed(simulator, count, realistic);
        return simulator;
    }

    public static void Seed(ClusterSimulator simulator, int count, bool realistic = false)
    {
        for (var n = 0; n < 20; n++)
        {
            simulator.Manifests.Apply(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = Namespace(n) },
            });
        }

        for (var i = 0; i < count; i++)
        {
            simulator.Store.Create(SimResources.Pods, realistic ? RealisticPods.Pod(i, Namespace(i), "node-" + (i % 50).ToString(CultureInfo.InvariantCulture)) : Pod(i));
        }
    }

    private static string Namespace(int i) => "team-" + (i % 20).ToString(CultureInfo.InvariantCulture);

    public static JsonObject Pod(int i)
    {
        var app = "svc-" + (i % 97).ToString(CultureInfo.InvariantCulture);
        var name = $"{app}-7d9c8b6f5d-{i:x5}";
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = Namespace(i),
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
