using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Tests.Store;

public sealed class ObjectStoreTests
{
    private static readonly GroupVersionResource Pods = new("", "v1", "pods");
    private static readonly GroupVersionResource Deployments = new("apps", "v1", "deployments");
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    private readonly SimulationClock _clock = new(Start, speed: 0);
    private readonly ObjectStore _store;

    public ObjectStoreTests() => _store = new ObjectStore(_clock);

    private static JsonObject Pod(string name, string ns = "shop", string image = "nginx:1.27") => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { ["app"] = "web" } },
        ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = image }) },
        ["status"] = new JsonObject { ["phase"] = "Running" },
    };

    [Fact]
    public void Create_NewObject_StampsServerOwnedMetadataAndKeepsStatus()
    {
        var created = _store.Create(Pods, Pod("a"));

        var meta = created["metadata"]!;
        Assert.True(Guid.TryParse(meta["uid"]!.GetValue<string>(), out _));
        Assert.Equal("1", meta["resourceVersion"]!.GetValue<string>());
        Assert.Equal("2026-11-20T03:00:00Z", meta["creationTimestamp"]!.GetValue<string>());
        Assert.Equal(1, meta["generation"]!.GetValue<long>());
        Assert.Equal("Running", created["status"]!["phase"]!.GetValue<string>());
    }

    [Fact]
    public void Create_Duplicate_ThrowsAlreadyExists()
    {
        _store.Create(Pods, Pod("a"));

        var e = Assert.Throws<StoreException>(() => _store.Create(Pods, Pod("a")));

        Assert.Equal(StoreErrorKind.AlreadyExists, e.Kind);
        Assert.Equal("pods \"a\" already exists", e.Message);
    }

    [Fact]
    public void Create_WithGenerateName_AppendsFiveCharacters()
    {
        var pod = Pod("");
        pod["metadata"]!.AsObject().Remove("name");
        pod["metadata"]!["generateName"] = "web-";

        var created = _store.Create(Pods, pod);

        Assert.Matches("^web-[a-z0-9]{5}$", ObjectMeta.Name(created));
    }

    [Fact]
    public void Create_DryRun_StoresNothing()
    {
        _store.Create(Pods, Pod("a"), dryRun: true);

        Assert.Null(_store.TryGet(Pods, "shop", "a"));
        Assert.Equal(0, _store.ResourceVersion);
    }

    [Fact]
    public void ResourceVersion_EveryWrite_IncreasesAcrossResources()
    {
        var a = _store.Create(Pods, Pod("a"));
        var d = _store.Create(Deployments, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "shop" } });
        var b = _store.Modify(Pods, "shop", "a", o => o["metadata"]!["labels"]!["x"] = "1");

        Assert.Equal(["1", "2", "3"], new[] { a, d, b }.Select(ObjectMeta.ResourceVersion));
        Assert.Equal(3, _store.ResourceVersion);
    }

    [Fact]
    public void Update_StaleResourceVersion_ThrowsConflict()
    {
        var created = _store.Create(Pods, Pod("a"));
        _store.Modify(Pods, "shop", "a", o => o["metadata"]!["labels"]!["x"] = "1");

        var e = Assert.Throws<StoreException>(() => _store.Update(Pods, created));

        Assert.Equal(StoreErrorKind.Conflict, e.Kind);
        Assert.Equal("Operation cannot be fulfilled on pods \"a\": the object has been modified; please apply your changes to the latest version and try again", e.Message);
    }

    [Fact]
    public void Update_SpecChange_IncrementsGeneration()
    {
        var created = _store.Create(Pods, Pod("a"));
        created["spec"]!["containers"]![0]!["image"] = "nginx:1.28";

        var updated = _store.Update(Pods, created);

        Assert.Equal(2, ObjectMeta.Generation(updated));
    }

    [Fact]
    public void Update_StatusOrMetadataOnly_KeepsGeneration()
    {
        var created = _store.Create(Pods, Pod("a"));
        created["status"]!["phase"] = "Failed";
        created["metadata"]!["labels"]!["x"] = "y";

        var updated = _store.Update(Pods, created);

        Assert.Equal(1, ObjectMeta.Generation(updated));
        Assert.Equal("2", ObjectMeta.ResourceVersion(updated));
    }

    [Fact]
    public void Update_NothingChanged_KeepsResourceVersionAndPublishesNothing()
    {
        var created = _store.Create(Pods, Pod("a"));
        using var watch = _store.Watch(Pods, afterResourceVersion: 1);

        var updated = _store.Update(Pods, created);

        Assert.Equal("1", ObjectMeta.ResourceVersion(updated));
        Assert.False(watch.Reader.TryRead(out _));
    }

    [Fact]
    public void Update_ServerOwnedFields_AreKept()
    {
        var created = _store.Create(Pods, Pod("a"));
        var uid = ObjectMeta.Uid(created);
        created["metadata"]!["uid"] = "forged";
        created["metadata"]!["creationTimestamp"] = "2000-01-01T00:00:00Z";

        var updated = _store.Update(Pods, created);

        Assert.Equal(uid, ObjectMeta.Uid(updated));
        Assert.Equal("2026-11-20T03:00:00Z", updated["metadata"]!["creationTimestamp"]!.GetValue<string>());
    }

    [Fact]
    public void Get_Missing_ThrowsNotFound()
    {
        var e = Assert.Throws<StoreException>(() => _store.Get(Deployments, "shop", "web"));

        Assert.Equal(StoreErrorKind.NotFound, e.Kind);
        Assert.Equal("deployments.apps \"web\" not found", e.Message);
    }

    [Fact]
    public void Get_ReturnsCopy_ChangesDoNotLeakIntoStore()
    {
        _store.Create(Pods, Pod("a"));

        _store.Get(Pods, "shop", "a")["metadata"]!["labels"]!["app"] = "changed";

        Assert.Equal("web", ObjectMeta.Label(_store.Get(Pods, "shop", "a"), "app"));
    }

    [Fact]
    public async Task Watch_FromResourceVersion_ReplaysLaterChangesThenLiveOnes()
    {
        _store.Create(Pods, Pod("a"));
        _store.Create(Pods, Pod("b"));
        _store.Delete(Pods, "shop", "a");

        using var watch = _store.Watch(Pods, "shop", afterResourceVersion: 1);
        _store.Create(Pods, Pod("c"));

        var events = new List<StoreEvent>();
        await foreach (var e in watch.ReadAllAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token))
        {
            events.Add(e);
            if (events.Count == 3)
            {
                break;
            }
        }

        Assert.Equal(
            [(WatchEventType.Added, "b", 2L), (WatchEventType.Deleted, "a", 3L), (WatchEventType.Added, "c", 4L)],
            events.Select(e => (e.Type, e.Name, e.ResourceVersion)));
        Assert.Equal("3", ObjectMeta.ResourceVersion(events[1].Object));
    }

    [Fact]
    public void Watch_ResourceVersionOlderThanHistory_ThrowsExpired()
    {
        var store = new ObjectStore(_clock, historyCapacity: 3);
        for (var i = 0; i < 6; i++)
        {
            store.Create(Pods, Pod($"p{i}"));
        }

        var e = Assert.Throws<StoreException>(() => store.Watch(Pods, afterResourceVersion: 1));

        Assert.Equal(StoreErrorKind.Expired, e.Kind);
        Assert.Equal("too old resource version: 1 (3)", e.Message);
        using var ok = store.Watch(Pods, afterResourceVersion: 3);
        Assert.Equal(3, ok.Reader.Count);
    }

    [Fact]
    public void Watch_WithoutResourceVersion_SendsCurrentObjectsAsAdded()
    {
        _store.Create(Pods, Pod("a"));
        _store.Create(Pods, Pod("b", ns: "other"));

        using var watch = _store.Watch(Pods, "shop", sendInitialAdds: true);

        Assert.True(watch.Reader.TryRead(out var e));
        Assert.Equal((WatchEventType.Added, "a"), (e.Type, e.Name));
        Assert.False(watch.Reader.TryRead(out _));
    }

    [Fact]
    public void List_PagedWithLimit_ReturnsEveryItemOnceInOrder()
    {
        var names = Enumerable.Range(0, 23).Select(i => $"pod-{i:D2}").ToList();
        foreach (var name in names.OrderBy(_ => Guid.NewGuid()))
        {
            _store.Create(Pods, Pod(name));
        }

        _store.Create(Pods, Pod("elsewhere", ns: "other"));
        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = _store.List(Pods, "shop", limit: 5, continueAfter: next);
            seen.AddRange(page.Items.Select(ObjectMeta.Name));
            next = page.ContinueAfter;
            pages++;
        }
        while (next is not null);

        Assert.Equal(names, seen);
        Assert.Equal(5, pages);
    }

    [Fact]
    public void List_WithFilter_CountsRemainingMatchesOnly()
    {
        for (var i = 0; i < 6; i++)
        {
            var pod = Pod($"p{i}");
            pod["metadata"]!["labels"]!["app"] = i % 2 == 0 ? "web" : "db";
            _store.Create(Pods, pod);
        }

        var page = _store.List(Pods, null, o => ObjectMeta.Label(o, "app") == "web", limit: 2);

        Assert.Equal(["p0", "p2"], page.Items.Select(ObjectMeta.Name));
        Assert.Equal(1, page.RemainingItemCount);
    }

    [Fact]
    public void Delete_Owner_CascadesToDependents()
    {
        var deployment = _store.Create(Deployments, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "shop" } });
        var owned = Pod("web-1");
        owned["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject { ["kind"] = "Deployment", ["name"] = "web", ["uid"] = ObjectMeta.Uid(deployment) });
        _store.Create(Pods, owned);
        _store.Create(Pods, Pod("other"));

        _store.Delete(Deployments, "shop", "web");

        Assert.Null(_store.TryGet(Pods, "shop", "web-1"));
        Assert.NotNull(_store.TryGet(Pods, "shop", "other"));
    }

    [Fact]
    public void Delete_CascadeTurnedOff_LeavesDependentsForAGarbageCollector()
    {
        var deployment = _store.Create(Deployments, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "shop" } });
        var owned = Pod("web-1");
        owned["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject { ["uid"] = ObjectMeta.Uid(deployment) });
        _store.Create(Pods, owned);
        _store.CascadeDeletes = false;

        _store.Delete(Deployments, "shop", "web");

        Assert.NotNull(_store.TryGet(Pods, "shop", "web-1"));
    }

    [Fact]
    public void Modify_Event_CarriesPreviousObject()
    {
        _store.Create(Pods, Pod("a"));
        using var watch = _store.Watch(Pods, afterResourceVersion: 1);

        _store.Modify(Pods, "shop", "a", o => o["metadata"]!["labels"]!["app"] = "db");

        Assert.True(watch.Reader.TryRead(out var e));
        Assert.Equal(("web", "db"), (ObjectMeta.Label(e.PreviousObject!, "app"), ObjectMeta.Label(e.Object, "app")));
    }

    [Fact]
    public void Delete_Namespace_DeletesItsObjects()
    {
        _store.Create(SimResources.Namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "shop" } });
        _store.Create(Pods, Pod("a"));
        _store.Create(Pods, Pod("b", ns: "other"));

        _store.Delete(SimResources.Namespaces, null, "shop");

        Assert.Null(_store.TryGet(Pods, "shop", "a"));
        Assert.NotNull(_store.TryGet(Pods, "other", "b"));
    }

    [Fact]
    public void Delete_WithFinalizers_MarksThenRemovesWhenFinalizersCleared()
    {
        var pod = Pod("a");
        pod["metadata"]!["finalizers"] = new JsonArray("example.com/cleanup");
        _store.Create(Pods, pod);

        var marked = _store.Delete(Pods, "shop", "a");
        _clock.Advance(TimeSpan.FromSeconds(5));
        _store.Modify(Pods, "shop", "a", o => o["metadata"]!.AsObject().Remove("finalizers"));

        Assert.Equal("2026-11-20T03:00:00Z", marked["metadata"]!["deletionTimestamp"]!.GetValue<string>());
        Assert.Null(_store.TryGet(Pods, "shop", "a"));
    }

    [Fact]
    public async Task Modify_ConcurrentWriters_LoseNoUpdate()
    {
        var counter = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "c", ["namespace"] = "shop" }, ["spec"] = new JsonObject { ["n"] = 0 } };
        _store.Create(Pods, counter);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                _store.Modify(Pods, "shop", "c", o => o["spec"]!["n"] = o["spec"]!["n"]!.GetValue<int>() + 1);
            }
        })));

        var final = _store.Get(Pods, "shop", "c");
        Assert.Equal(800, final["spec"]!["n"]!.GetValue<int>());
        Assert.Equal(801, ObjectMeta.Generation(final));
        Assert.Equal("801", ObjectMeta.ResourceVersion(final));
    }
}
