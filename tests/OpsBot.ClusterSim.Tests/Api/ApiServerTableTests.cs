using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Api;

public sealed class ApiServerTableTests
{
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    [Fact]
    public async Task List_TableAccept_ReturnsPodColumnsRowsAndPartialMetadata()
    {
        await using var c = await SeededCluster.StartAsync();
        c.Simulator.Clock.Advance(TimeSpan.FromMinutes(2));

        var (_, table) = await c.Http.GetJsonAsync($"api/v1/namespaces/{SeededCluster.Namespace}/pods?limit=500", TableAccept);

        Assert.Equal(("Table", "meta.k8s.io/v1"), (table.Str("kind"), table.Str("apiVersion")));
        Assert.Equal(
            ["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"],
            table!["columnDefinitions"]!.AsArray().Select(d => d.Str("name")));
        Assert.Equal("1", table["columnDefinitions"]![5].Str("priority"));
        var crashing = table["rows"]!.AsArray().Single(r => r.Str("cells.0") == SeededCluster.CrashingPod)!;
        Assert.Equal(
            """["frontend-7d9c8b6f5d-4mnbq","0/1","CrashLoopBackOff","5 (4m ago)","2m","10.0.2.17","ip-10-0-2-22.ec2.internal","\u003Cnone\u003E","\u003Cnone\u003E"]""",
            crashing["cells"]!.ToJsonString());
        Assert.Equal(("PartialObjectMetadata", "meta.k8s.io/v1"), (crashing.Str("object.kind"), crashing.Str("object.apiVersion")));
        Assert.Equal(SeededCluster.CrashingPod, crashing.Str("object.metadata.name"));
        Assert.Null(crashing["object"]!["spec"]);
    }

    [Theory]
    [InlineData("Object", "Pod")]
    [InlineData("None", "")]
    public async Task Get_IncludeObject_IsHonoured(string include, string expectedKind)
    {
        await using var c = await SeededCluster.StartAsync();

        var (_, table) = await c.Http.GetJsonAsync($"api/v1/namespaces/{SeededCluster.Namespace}/pods/{SeededCluster.RunningPod}?includeObject={include}", TableAccept);

        Assert.Single(table!["rows"]!.AsArray());
        Assert.Equal(expectedKind, table["rows"]![0]!["object"]?.Str("kind") ?? "");
    }

    [Fact]
    public async Task List_PartialObjectMetadataAccept_ReturnsMetadataOnly()
    {
        await using var c = await SeededCluster.StartAsync();

        var (_, list) = await c.Http.GetJsonAsync($"apis/apps/v1/namespaces/{SeededCluster.Namespace}/replicasets", "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json");

        Assert.Equal(("PartialObjectMetadataList", "PartialObjectMetadata"), (list.Str("kind"), list.Str("items.0.kind")));
        Assert.Equal("Deployment", list.Str("items.0.metadata.ownerReferences.0.kind"));
        Assert.Null(list!["items"]![0]!["spec"]);
    }

    [Fact]
    public async Task List_CustomResourceTable_ShowsCertificateColumns()
    {
        await using var c = await SeededCluster.StartAsync(seed: false);
        await c.Http.SendAsync(HttpMethod.Post, "apis/cert-manager.io/v1/namespaces/default/certificates", """
            {"apiVersion":"cert-manager.io/v1","kind":"Certificate","metadata":{"name":"shop-tls"},"spec":{"secretName":"shop-tls","issuerRef":{"name":"letsencrypt"}},
             "status":{"notAfter":"2026-11-19T00:00:00Z","conditions":[{"type":"Ready","status":"False","reason":"Expired","message":"Certificate expired"}]}}
            """);

        var (_, table) = await c.Http.GetJsonAsync("apis/cert-manager.io/v1/namespaces/default/certificates", TableAccept);

        Assert.Equal("""["shop-tls","False","shop-tls","letsencrypt","Certificate expired","0s"]""", table!["rows"]![0]!["cells"]!.ToJsonString());
    }
}
