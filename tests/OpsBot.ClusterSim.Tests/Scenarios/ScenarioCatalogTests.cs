using System.Security.Cryptography.X509Certificates;
using System.Text;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Controllers.Kubelet;
using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Scenarios;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Tests.Kubelet;

namespace OpsBot.ClusterSim.Tests.Scenarios;

public sealed class ScenarioCatalogTests
{
    public static TheoryData<string> Names => [.. ScenarioCatalog.Default.Names];

    [Fact]
    public void Names_Embedded_BaselineAndEveryIncidentClass()
    {
        var names = ScenarioCatalog.Default.Names;

        Assert.Contains("ecommerce-baseline", names);
        for (var i = 1; i <= 12; i++)
        {
            Assert.Contains(names, n => n.StartsWith($"s{i:00}-", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Load_EachScenario_AppliesManifestsAndRunsItsInjections(string name)
    {
        await using var c = ScenarioCluster.Load(name);
        var scenario = c.Loaded.Scenario;

        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(name, scenario.Name);
        Assert.NotNull(scenario.Expected);
        Assert.NotEmpty(scenario.Expected!.Diagnosis);
        Assert.Matches("^[a-z]+/[a-z0-9.-]+$", scenario.Expected.Resource);
        Assert.True(c.Loaded.ObjectCount >= 20);
        Assert.Equal(3, c.Sim.Store.List(SimResources.Nodes).Items.Count);
        Assert.InRange(c.Sim.Store.List(SimResources.Deployments, ScenarioCluster.Ns).Items.Count, 6, 7); // the baseline's six, and the one a scenario may add
        Assert.Equal(scenario.Injections.Count, c.Sim.Control.Clock()["injected"]!.AsArray().Count + (int)c.Sim.Control.Clock()["pendingInjections"]!);
        Assert.Contains(c.Sim.Store.List(SimResources.Pods, ScenarioCluster.Ns).Items, p => ObjectMeta.Label(p, "app") == "frontend");
    }

    [Fact]
    public async Task Load_Baseline_EveryPodRunningReadyWithoutRestartsOrWarnings()
    {
        await using var c = ScenarioCluster.Load("ecommerce-baseline");

        await c.AdvanceAsync(TimeSpan.FromMinutes(10));

        var pods = c.Sim.Store.List(SimResources.Pods, ScenarioCluster.Ns).Items;
        Assert.Equal(11, pods.Count);
        Assert.All(pods, p => Assert.Equal("Running", (string?)p["status"]!["phase"]));
        Assert.All(pods, p => Assert.True((bool)p["status"]!["containerStatuses"]![0]!["ready"]!, ObjectMeta.Name(p)));
        Assert.All(pods, p => Assert.Equal(0, (int)p["status"]!["containerStatuses"]![0]!["restartCount"]!));
        // The only warnings: the HPA's first sync, in the first tick, before any frontend pod ran (no metrics yet),
        // as a freshly created HPA gets in a real cluster; it has found its metric ever since.
        var warnings = c.Sim.Store.List(SimResources.Events, ScenarioCluster.Ns).Items.Where(e => (string?)e["type"] == "Warning").ToList();
        Assert.Equal(["FailedComputeMetricsReplicas", "FailedGetResourceMetric"], warnings.Select(e => (string)e["reason"]!).Order(StringComparer.Ordinal));
        Assert.All(warnings, e => Assert.Equal(("HorizontalPodAutoscaler", 1, "2026-11-20T03:00:01Z"), ((string?)e["involvedObject"]!["kind"], (int)e["count"]!, (string?)e["lastTimestamp"])));
        var active = c.Sim.Store.Get(SimResources.HorizontalPodAutoscalers, ScenarioCluster.Ns, "frontend")["status"]!["conditions"]!.AsArray().Single(x => (string?)x!["type"] == "ScalingActive")!;
        Assert.Equal(("True", "ValidMetricFound"), ((string?)active["status"], (string?)active["reason"]));
        var frontend = c.Sim.Metrics.GetPodMetrics(ScenarioCluster.Ns).Where(p => p.Name.StartsWith("frontend-", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, frontend.Count);
        Assert.All(frontend, p => Assert.Equal(135, p.Containers.Single().CpuMillicores)); // 15m + 1.2m × 100 rps: 54 % of the request
        Assert.Equal(3, c.Sim.Metrics.GetNodeMetrics().Count);
    }

    [Fact]
    public async Task Load_Baseline_RegistryHoldsManifestImagesOnly()
    {
        await using var sim = new ClusterSimulator(new ClusterSimulatorOptions { Speed = 0 });
        ScenarioCatalog.Default.Load(sim, "s06-image-tag-not-found");
        var registry = sim.Engine.Kubelet().Registry;

        Assert.True(registry.Exists("registry.example.com/shop/catalog:5.2.3"));
        Assert.True(registry.Exists("docker.io/library/postgres:16.4"));
        Assert.False(registry.Exists("registry.example.com/shop/catalog:5.3.0"));
        Assert.False(registry.Exists("registry.example.com/shop/frontend:9.9.9"));
    }

    [Fact]
    public async Task Load_ExpiredCertificateScenario_TlsSecretHoldsRealExpiredPem()
    {
        await using var expired = ScenarioCluster.Load("s07-tls-certificate-expired");
        await using var healthy = ScenarioCluster.Load("ecommerce-baseline");

        static X509Certificate2 Certificate(ScenarioCluster c)
        {
            var secret = c.Sim.Store.Get(SimResources.Secrets, ScenarioCluster.Ns, "shop-tls");
            var pem = Encoding.ASCII.GetString(Convert.FromBase64String((string)secret["data"]!["tls.crt"]!));
            Assert.Contains("-----BEGIN PRIVATE KEY-----", Encoding.ASCII.GetString(Convert.FromBase64String((string)secret["data"]!["tls.key"]!)), StringComparison.Ordinal);
            return X509Certificate2.CreateFromPem(pem);
        }

        using var old = Certificate(expired);
        using var fresh = Certificate(healthy);
        Assert.Equal(KubeletCluster.Start.AddDays(-3).UtcDateTime, old.NotAfter.ToUniversalTime(), TimeSpan.FromSeconds(1));
        Assert.Equal(KubeletCluster.Start.AddDays(60).UtcDateTime, fresh.NotAfter.ToUniversalTime(), TimeSpan.FromSeconds(1));
        Assert.Equal("CN=shop.example.com", old.Subject);
        var certificate = expired.Sim.Store.Get(SimResources.Certificates, ScenarioCluster.Ns, "shop-tls");
        Assert.Equal("2026-11-17T03:00:00Z", (string?)certificate["status"]!["notAfter"]);
        Assert.Equal("Expired", (string?)certificate["status"]!["conditions"]![0]!["reason"]);
    }

    [Fact]
    public async Task Load_SecretWithStringData_StoredAsBase64Data()
    {
        await using var c = ScenarioCluster.Load("ecommerce-baseline");

        var secret = c.Sim.Store.Get(SimResources.Secrets, ScenarioCluster.Ns, "checkout-db");

        Assert.Null(secret["stringData"]);
        Assert.Equal("checkout", Encoding.UTF8.GetString(Convert.FromBase64String((string)secret["data"]!["username"]!)));
    }

    [Fact]
    public void Parse_HeaderAndManifests_ReadsExpectationInjectionsAndDocuments()
    {
        var scenario = ScenarioParser.Parse("""
            apiVersion: sim.opsbot.io/v1
            kind: Scenario
            name: demo
            title: Demo
            registry: [web:v1]
            expected: {diagnosis: OOMKilled, resource: deployment/web, suggestedAction: raise-memory-limit}
            injections:
            - {after: 90s, action: set-load, target: service/web, requestsPerSecond: 900}
            - {after: 2m, action: stop-kubelet, target: node/a}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            """);

        Assert.Equal(("demo", "Demo", "OOMKilled", "raise-memory-limit"), (scenario.Name, scenario.Title, scenario.Expected!.Diagnosis, scenario.Expected.SuggestedAction));
        Assert.Equal([TimeSpan.FromSeconds(90), TimeSpan.FromMinutes(2)], scenario.Injections.Select(i => i.After));
        Assert.Equal(900, scenario.Injections[0].RequestsPerSecond);
        Assert.Equal(["web:v1"], scenario.Registry);
        Assert.Single(scenario.Manifests);
    }

    [Fact]
    public void Parse_ContainerExpectationAndNodeCondition_Read()
    {
        var scenario = ScenarioParser.Parse("""
            apiVersion: sim.opsbot.io/v1
            kind: Scenario
            name: demo
            expected: {diagnosis: CrashLoopBackOff, resource: deployment/web, container: log-shipper, suggestedAction: rollback}
            injections:
            - {after: 1m, action: set-node-condition, target: node/a, condition: DiskPressure, status: "True"}
            """);

        Assert.Equal("log-shipper", scenario.Expected!.Container);
        Assert.Equal(("DiskPressure", "True"), (scenario.Injections[0].Condition, scenario.Injections[0].ConditionStatus));
        Assert.Equal("log-shipper", (string?)scenario.Summary()["expected"]!["container"]);
    }

    [Fact]
    public async Task Apply_SetNodeCondition_ForcedUntilReleased()
    {
        await using var c = ScenarioCluster.Load("ecommerce-baseline");
        var applier = new InjectionApplier(c.Sim.Store, c.Sim.Registry, c.Sim.Manifests);
        const string Node = "node/ip-10-0-2-22.ec2.internal";

        applier.Apply(new ScenarioInjection(TimeSpan.Zero, "set-node-condition", Node, null, null, [], null, null, null, "DiskPressure", "True"), ScenarioCluster.Ns);
        applier.Apply(new ScenarioInjection(TimeSpan.Zero, "set-node-condition", Node, null, null, [], null, null, null, "PIDPressure", "True"), ScenarioCluster.Ns);
        var both = ObjectMeta.Annotation(c.Sim.Store.Get(SimResources.Nodes, null, "ip-10-0-2-22.ec2.internal"), WorkloadAnnotations.NodeConditions);
        await c.AdvanceAsync(TimeSpan.FromSeconds(3));
        var pressure = c.Sim.Store.Get(SimResources.Nodes, null, "ip-10-0-2-22.ec2.internal")["status"]!["conditions"]!.AsArray().Single(x => (string?)x!["type"] == "DiskPressure")!;
        applier.Apply(new ScenarioInjection(TimeSpan.Zero, "set-node-condition", Node, null, null, [], null, null, null, "DiskPressure", "False"), ScenarioCluster.Ns);

        Assert.Equal("DiskPressure=True,PIDPressure=True", both);
        Assert.Equal(("True", "KubeletHasDiskPressure"), ((string?)pressure["status"], (string?)pressure["reason"]));
        Assert.Equal("PIDPressure=True", ObjectMeta.Annotation(c.Sim.Store.Get(SimResources.Nodes, null, "ip-10-0-2-22.ec2.internal"), WorkloadAnnotations.NodeConditions));
        Assert.Throws<InvalidOperationException>(() => applier.Apply(new ScenarioInjection(TimeSpan.Zero, "set-node-condition", Node, null, null, [], null, null, null), ScenarioCluster.Ns));
    }

    [Fact]
    public void Get_UnknownScenario_NamesTheKnownOnes()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => ScenarioCatalog.Default.Get("nope"));

        Assert.Contains("s01-frontend-memory-leak", e.Message, StringComparison.Ordinal);
    }
}
