using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Tests.Kubelet;

namespace OpsBot.ClusterSim.Tests.Networking;

/// <summary>Endpoints and EndpointSlices from Services' selectors and the readiness the kubelet reports.</summary>
public sealed class EndpointsControllerTests
{
    private static string Service(string name, string selector, string targetPort = "http") => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: {{name}}, namespace: {{KubeletCluster.Ns}}, labels: {app: {{name}}, team: shop} }
        spec:
          clusterIP: 10.96.0.50
          selector: {{selector}}
          ports: [{name: web, port: 80, targetPort: {{targetPort}}, protocol: TCP}]
        """;

    private static JsonObject Endpoints(KubeletCluster c, string name) => c.Sim.Store.Get(SimResources.Endpoints, KubeletCluster.Ns, name);

    private static JsonObject Slice(KubeletCluster c, string service) =>
        c.Sim.Store.List(SimResources.EndpointSlices, KubeletCluster.Ns, s => ObjectMeta.Label(s, "kubernetes.io/service-name") == service).Items.Single();

    [Fact]
    public async Task Reconcile_ServiceSelectingReadyPods_EndpointsAndSliceListThem()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Service("web", "{app: web}"));
        c.Apply(KubeletCluster.PodYaml("web-1").Replace("app: web-1", "app: web", StringComparison.Ordinal));
        c.Apply(KubeletCluster.PodYaml("web-2").Replace("app: web-2", "app: web", StringComparison.Ordinal));

        await c.AdvanceAsync(5);

        var endpoints = Endpoints(c, "web");
        var subset = endpoints["subsets"]!.AsArray().Single()!;
        Assert.Equal(2, subset["addresses"]!.AsArray().Count);
        Assert.Null(subset["notReadyAddresses"]);
        var address = subset["addresses"]![0]!;
        Assert.Equal((KubeletCluster.Node, "Pod", KubeletCluster.Ns), ((string?)address["nodeName"], (string?)address["targetRef"]!["kind"], (string?)address["targetRef"]!["namespace"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"name":"web","port":8080,"protocol":"TCP"}]"""), subset["ports"]));
        Assert.Equal("shop", ObjectMeta.Label(endpoints, "team"));
        Assert.NotNull(ObjectMeta.Annotation(endpoints, "endpoints.kubernetes.io/last-change-trigger-time"));

        var slice = Slice(c, "web");
        Assert.Equal(("IPv4", "endpointslice-controller.k8s.io"), ((string?)slice["addressType"], ObjectMeta.Label(slice, "endpointslice.kubernetes.io/managed-by")));
        Assert.StartsWith("web-", ObjectMeta.Name(slice), StringComparison.Ordinal);
        Assert.Equal(("Service", "web"), ((string?)slice["metadata"]!["ownerReferences"]![0]!["kind"], (string?)slice["metadata"]!["ownerReferences"]![0]!["name"]));
        Assert.All(slice["endpoints"]!.AsArray(), e => Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"ready":true,"serving":true,"terminating":false}"""), e!["conditions"])));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"name":"web","port":8080,"protocol":"TCP"}]"""), slice["ports"]));
    }

    [Fact]
    public async Task Reconcile_OnlyUnreadyPods_NotReadyAddressesAndSliceEndpointsNotReady()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Service("web", "{app: web}"));
        c.Apply(KubeletCluster.PodYaml("web-1", extra: "readinessProbe: {httpGet: {path: /ready, port: 9999}, periodSeconds: 5}").Replace("app: web-1", "app: web", StringComparison.Ordinal));

        await c.AdvanceAsync(10);

        var subset = Endpoints(c, "web")["subsets"]!.AsArray().Single()!;
        Assert.Null(subset["addresses"]);
        Assert.Single(subset["notReadyAddresses"]!.AsArray());
        var conditions = Slice(c, "web")["endpoints"]![0]!["conditions"]!;
        Assert.Equal((false, false, false), ((bool)conditions["ready"]!, (bool)conditions["serving"]!, (bool)conditions["terminating"]!));
    }

    [Fact]
    public async Task Reconcile_SelectorMatchesNothing_NoSubsetsAndAPlaceholderSlice()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Service("web", "{app: web}"));
        c.Apply(KubeletCluster.PodYaml("web-1"));

        await c.AdvanceAsync(5);

        Assert.Null(Endpoints(c, "web")["subsets"]);
        var slice = Slice(c, "web");
        Assert.Null(slice["endpoints"]);
        Assert.Null(slice["ports"]);
        Assert.True(slice.ContainsKey("endpoints"));
    }

    [Fact]
    public async Task Reconcile_NamedTargetPortNoContainerDeclares_PodLeftOutOfEndpoints()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Service("web", "{app: web}", targetPort: "metrics"));
        c.Apply(KubeletCluster.PodYaml("web-1").Replace("app: web-1", "app: web", StringComparison.Ordinal));

        await c.AdvanceAsync(5);

        Assert.Null(Endpoints(c, "web")["subsets"]);
        var slice = Slice(c, "web");
        Assert.Single(slice["endpoints"]!.AsArray());
        Assert.Null(slice["ports"]);
    }

    [Fact]
    public async Task Reconcile_PodBecomesReadyThenServiceDeleted_EndpointsFollowAndGo()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Service("web", "{app: web}"));
        c.Apply(KubeletCluster.PodYaml("web-1", annotations: "{sim.opsbot.io/startup-seconds: '20'}", extra: "readinessProbe: {httpGet: {path: /ready, port: http}, periodSeconds: 5}")
            .Replace("app: web-1", "app: web", StringComparison.Ordinal));
        await c.AdvanceAsync(5);
        var before = Endpoints(c, "web")["subsets"]!.DeepClone();

        await c.AdvanceAsync(30);
        var after = Endpoints(c, "web")["subsets"]![0]!;
        c.Sim.Store.Delete(SimResources.Services, KubeletCluster.Ns, "web");
        await c.AdvanceAsync(1);

        Assert.NotNull(before[0]!["notReadyAddresses"]);
        Assert.NotNull(after["addresses"]);
        Assert.Null(c.Sim.Store.TryGet(SimResources.Endpoints, KubeletCluster.Ns, "web"));
        Assert.Empty(c.Sim.Store.List(SimResources.EndpointSlices, KubeletCluster.Ns).Items);
    }

    [Fact]
    public async Task KubectlGet_EndpointsAndSlices_ShowsAddressesPortsAndNone()
    {
        await using var c = await KubeletCluster.StartAsync(serve: true);
        c.Apply(Service("web", "{app: web}"));
        c.Apply(Service("empty", "{app: nothing}"));
        c.Apply(KubeletCluster.PodYaml("web-1").Replace("app: web-1", "app: web", StringComparison.Ordinal));
        await c.AdvanceAsync(5);

        var endpoints = (await c.Kubectl!.RunAsync("get", "endpoints", "-n", KubeletCluster.Ns)).EnsureSuccess();
        var slices = (await c.Kubectl.RunAsync("get", "endpointslices", "-n", KubeletCluster.Ns)).EnsureSuccess();
        var describe = (await c.Kubectl.RunAsync("describe", "service", "web", "-n", KubeletCluster.Ns)).EnsureSuccess();

        Assert.Matches(@"(?m)^NAME\s+ENDPOINTS\s+AGE$", endpoints.Lines[0]);
        Assert.Matches(@"(?m)^empty\s+<none>\s+\d+s$", endpoints.StdOut);
        Assert.Matches(@"(?m)^web\s+10\.244\.1\.2:8080\s+\d+s$", endpoints.StdOut);
        Assert.Matches(@"(?m)^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE$", slices.Lines[0]);
        Assert.Matches(@"(?m)^empty-\w{5}\s+IPv4\s+<unset>\s+<unset>\s+\d+s$", slices.StdOut);
        Assert.Matches(@"(?m)^web-\w{5}\s+IPv4\s+8080\s+10\.244\.1\.2\s+\d+s$", slices.StdOut);
        Assert.Matches(@"Endpoints:\s+10\.244\.1\.2:8080", describe.StdOut);
    }
}
