using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Tests.Store;

public sealed class ObjectStoreGracefulDeletionTests
{
    private static readonly GroupVersionResource Pods = new("", "v1", "pods");

    private readonly SimulationClock _clock = new(new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero), speed: 0);

    [Fact]
    public void MarkForDeletion_NoFinalizers_KeepsObjectTerminatingUntilDeleted()
    {
        var store = new ObjectStore(_clock);
        store.Create(Pods, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "a", ["namespace"] = "shop" }, ["status"] = new JsonObject { ["phase"] = "Running" } });

        var marked = store.MarkForDeletion(Pods, "shop", "a", gracePeriodSeconds: 30);
        _clock.Advance(TimeSpan.FromSeconds(5));
        var again = store.MarkForDeletion(Pods, "shop", "a", gracePeriodSeconds: 30);
        store.Modify(Pods, "shop", "a", o => o["status"]!["phase"] = "Unknown");

        Assert.Equal(("2026-11-20T03:00:30Z", 30L), (marked["metadata"]!["deletionTimestamp"]!.GetValue<string>(), marked["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>()));
        Assert.Equal("2026-11-20T03:00:30Z", again["metadata"]!["deletionTimestamp"]!.GetValue<string>());
        var kept = store.Get(Pods, "shop", "a");
        Assert.Equal(("Unknown", "2026-11-20T03:00:30Z"), (kept["status"]!["phase"]!.GetValue<string>(), kept["metadata"]!["deletionTimestamp"]!.GetValue<string>()));

        store.Delete(Pods, "shop", "a");

        Assert.Null(store.TryGet(Pods, "shop", "a"));
    }
}
