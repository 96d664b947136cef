using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Api;

/// <summary>Lists are served from each object's JSON encoded once (SerializedObjects) and streamed: same objects, and a write shows at once.</summary>
public sealed class ApiServerListTests
{
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    [Fact]
    public async Task List_EachItem_IsTheStoredObject()
    {
        await using var c = await SeededCluster.StartAsync();

        var (_, list) = await c.Http.GetJsonAsync($"api/v1/namespaces/{SeededCluster.Namespace}/pods");

        Assert.Equal(("PodList", "v1"), (list.Str("kind"), list.Str("apiVersion")));
        Assert.Equal(c.Simulator.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), list.Str("metadata.resourceVersion"));
        var items = list!["items"]!.AsArray();
        Assert.Equal(c.Simulator.Store.List(SimResources.Pods, SeededCluster.Namespace).Items.Count, items.Count);
        foreach (var item in items)
        {
            var stored = c.Simulator.Store.TryGet(SimResources.Pods, SeededCluster.Namespace, item.Str("metadata.name"));
            Assert.True(JsonNode.DeepEquals(stored, item), item.Str("metadata.name"));
        }
    }

    [Fact]
    public async Task List_AfterAWrite_ServesTheNewObjectInEveryShape()
    {
        await using var c = await SeededCluster.StartAsync();
        var url = $"api/v1/namespaces/{SeededCluster.Namespace}/pods";
        await c.Http.GetJsonAsync(url);
        await c.Http.GetJsonAsync(url, TableAccept);

        var changed = c.Simulator.Store.Modify(SimResources.Pods, SeededCluster.Namespace, SeededCluster.RunningPod, pod =>
        {
            var metadata = pod["metadata"]!.AsObject();
            (metadata["labels"] ??= new JsonObject())["tier"] = "changed";
        });
        var (_, list) = await c.Http.GetJsonAsync(url);
        var (_, table) = await c.Http.GetJsonAsync(url, TableAccept);

        var item = list!["items"]!.AsArray().Single(i => i.Str("metadata.name") == SeededCluster.RunningPod);
        Assert.Equal(("changed", changed.Str("metadata.resourceVersion")), (item.Str("metadata.labels.tier"), item.Str("metadata.resourceVersion")));
        var row = table!["rows"]!.AsArray().Single(r => r.Str("cells.0") == SeededCluster.RunningPod)!;
        Assert.Equal(("changed", changed.Str("metadata.resourceVersion")), (row.Str("object.metadata.labels.tier"), row.Str("object.metadata.resourceVersion")));
    }

    [Fact]
    public async Task List_Deleted_IsGoneFromTheNextList()
    {
        await using var c = await SeededCluster.StartAsync();
        var url = $"api/v1/namespaces/{SeededCluster.Namespace}/pods";
        await c.Http.GetJsonAsync(url, TableAccept);

        c.Simulator.Store.Delete(SimResources.Pods, SeededCluster.Namespace, SeededCluster.RunningPod);
        var (_, table) = await c.Http.GetJsonAsync(url, TableAccept);

        Assert.DoesNotContain(table!["rows"]!.AsArray(), r => r.Str("cells.0") == SeededCluster.RunningPod);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(500)]
    public async Task List_TablePages_CoverEveryPodOnce(int limit)
    {
        await using var c = await SeededCluster.StartAsync();
        var names = new List<string>();
        string? next = null;
        do
        {
            var (_, page) = await c.Http.GetJsonAsync($"api/v1/pods?limit={limit}&includeObject=None" + (next is null ? "" : "&continue=" + Uri.EscapeDataString(next)), TableAccept);
            var rows = page!["rows"]!.AsArray();
            Assert.InRange(rows.Count, 1, limit);
            Assert.All(rows, row => Assert.Null(row!["object"]));
            names.AddRange(rows.Select(r => r.Str("cells.0")));
            next = page["metadata"]?["continue"]?.GetValue<string>();
            Assert.Equal(next is null, page["metadata"]?["remainingItemCount"] is null);
        }
        while (next is not null);

        Assert.Equal(c.Simulator.Store.List(SimResources.Pods).Items.Select(p => p.Str("metadata.name")).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_TableWithWholeObjects_CarriesEachPod()
    {
        await using var c = await SeededCluster.StartAsync();

        var (_, table) = await c.Http.GetJsonAsync($"api/v1/namespaces/{SeededCluster.Namespace}/pods?includeObject=Object", TableAccept);

        var row = table!["rows"]!.AsArray().Single(r => r.Str("cells.0") == SeededCluster.CrashingPod)!;
        Assert.True(JsonNode.DeepEquals(c.Simulator.Store.TryGet(SimResources.Pods, SeededCluster.Namespace, SeededCluster.CrashingPod), row["object"]));
    }
}
