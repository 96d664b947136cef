using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Tests.Scenarios;

/// <summary>Each incident scenario shows its symptoms, and the expected remedy ends them for the right reason.</summary>
public sealed class IncidentScenarioTests
{
    private const string Ns = ScenarioCluster.Ns;

    [Fact]
    public async Task S01_FrontendLeak_OomKilledWithHeapLogs_RaisedLimitStopsKills()
    {
        await using var c = ScenarioCluster.Load("s01-frontend-memory-leak");
        await c.AdvanceAsync(TimeSpan.FromMinutes(12));

        var statuses = c.Statuses("frontend");
        Assert.Equal(10, statuses.Count);
        Assert.All(statuses, s => Assert.True((int)s["restartCount"]! >= 1));
        Assert.All(statuses, s => Assert.Equal(("OOMKilled", 137), ((string?)s["lastState"]!["terminated"]!["reason"], (int)s["lastState"]!["terminated"]!["exitCode"]!)));
        Assert.Contains("FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory", c.Logs("frontend", previous: true));

        c.Patch(SimResources.Deployments, "frontend", """{"spec":{"template":{"spec":{"containers":[{"name":"frontend","resources":{"requests":{"memory":"1Gi"},"limits":{"memory":"2Gi"}}}]}}}}""");
        await c.AdvanceAsync(TimeSpan.FromMinutes(40));

        Assert.All(c.Statuses("frontend"), s => Assert.Equal(0, (int)s["restartCount"]!));
        Assert.All(c.Sim.Metrics.GetPodMetrics(Ns).Where(p => p.Name.StartsWith("frontend-", StringComparison.Ordinal)), p => Assert.Equal(1400L << 20, p.Containers.Single().MemoryBytes));
    }

    [Fact]
    public async Task S02_RolloutMissingSecretKey_CreateContainerConfigError_RollbackRecovers()
    {
        await using var c = ScenarioCluster.Load("s02-rollout-missing-secret-key");
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(1, c.Revision("checkout"));
        Assert.All(c.Statuses("checkout"), s => Assert.True((bool)s["ready"]!));
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        // RollingUpdate (2 replicas, 25 %/25 %: surge 1, unavailable 0): the new pod never starts, the old ones keep serving.
        Assert.Equal(2, c.Revision("checkout"));
        var broken = Assert.Single(c.PodsOfRevision("checkout", 2))["status"]!["containerStatuses"]![0]!;
        Assert.Equal(
            ("CreateContainerConfigError", "couldn't find key password in Secret ecommerce-production/checkout-db"),
            ((string?)broken["state"]!["waiting"]?["reason"], (string?)broken["state"]!["waiting"]?["message"]));
        Assert.Equal(2, c.PodsOfRevision("checkout", 1).Count(p => (bool)p["status"]!["containerStatuses"]![0]!["ready"]!));
        Assert.Equal("ReplicaSetUpdated", c.Progressing("checkout").Reason);

        c.Undo("checkout");
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(3, c.Revision("checkout")); // revision 1's ReplicaSet reused as revision 3
        Assert.Equal(2, c.Pods("checkout").Count);
        Assert.All(c.Statuses("checkout"), s => Assert.True((bool)s["ready"]!));
        Assert.All(c.Statuses("checkout"), s => Assert.Equal("registry.example.com/shop/checkout:3.8.1", (string?)s["image"]));
    }

    [Fact]
    public async Task S02b_RolloutMissingEnv_CrashLoopBackOff_RollbackRecovers()
    {
        await using var c = ScenarioCluster.Load("s02b-rollout-crashloop");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        // The new ReplicaSet's pods crash (3 replicas: surge 1, unavailable 0): never available, the old pods keep serving.
        Assert.Equal(2, c.Revision("frontend"));
        var crashing = c.PodsOfRevision("frontend", 2).Select(p => p["status"]!["containerStatuses"]![0]!).ToList();
        Assert.NotEmpty(crashing);
        Assert.All(crashing, s => Assert.Equal(1, (int)s["lastState"]!["terminated"]!["exitCode"]!));
        Assert.Contains(crashing, s => (string?)s["state"]!["waiting"]?["reason"] == "CrashLoopBackOff");
        Assert.Contains("Error: missing required environment variable SESSION_SECRET", c.Logs("frontend", previous: true));
        Assert.All(c.PodsOfRevision("frontend", 1), p => Assert.True((bool)p["status"]!["containerStatuses"]![0]!["ready"]!));

        c.Undo("frontend");
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(3, c.Revision("frontend"));
        Assert.All(c.Statuses("frontend"), s => Assert.Equal((0, true), ((int)s["restartCount"]!, (bool)s["ready"]!)));
    }

    [Fact]
    public async Task S03_FlashSale_CpuSaturatedSlowAnd503HpaAtMax_RaisedMaxRelieves()
    {
        await using var c = ScenarioCluster.Load("s03-flash-sale-hpa-at-max");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        Assert.All(c.CpuMillicores("frontend"), cpu => Assert.Equal(1000, cpu)); // at the 1-CPU limit
        Assert.Contains(c.Logs("frontend"), l => l.StartsWith("ERROR HTTP 503 ", StringComparison.Ordinal));
        var hpa = c.Sim.Store.Get(SimResources.HorizontalPodAutoscalers, Ns, "frontend");
        Assert.Equal((6, 6, 6), ((int)ObjectMeta.Int64(hpa["spec"]!["maxReplicas"])!, (int)hpa["status"]!["currentReplicas"]!, (int)hpa["status"]!["desiredReplicas"]!));
        var limited = hpa["status"]!["conditions"]!.AsArray().Single(x => (string?)x!["type"] == "ScalingLimited")!;
        Assert.Equal(("True", "TooManyReplicas"), ((string?)limited["status"], (string?)limited["reason"]));
        Assert.Equal(6, c.Pods("frontend").Count);

        // The remedy: a higher HPA maximum; the HPA scales out and more replicas share the same traffic.
        c.Patch(SimResources.HorizontalPodAutoscalers, "frontend", """{"spec":{"maxReplicas":12}}""");
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(12, (int)ObjectMeta.Int64(c.Sim.Store.Get(SimResources.Deployments, Ns, "frontend")["spec"]!["replicas"])!);
        Assert.Equal(12, c.CpuMillicores("frontend").Count);
        Assert.All(c.CpuMillicores("frontend"), cpu => Assert.InRange(cpu, 500, 550)); // 15m + 1.2m × 417 rps
    }

    [Fact]
    public async Task S04_ConnectionPoolExhaustion_ConnectionErrors_RestartReleasesFewerReplicasEnd()
    {
        await using var c = ScenarioCluster.Load("s04-db-connection-pool-exhaustion");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(6, c.Pods("checkout").Count);
        Assert.Contains(c.Logs("postgres"), l => l.EndsWith("FATAL:  sorry, too many clients already", StringComparison.Ordinal));
        Assert.Contains(c.Logs("checkout"), l => l.Contains("remaining connection slots are reserved for non-replication superuser connections", StringComparison.Ordinal));
        Assert.Contains("Error: connect ECONNREFUSED 10.96.0.15:5432", c.Logs("catalog"));
        Assert.Contains(c.Logs("checkout"), l => l.StartsWith("ERROR HTTP 500 POST /api/checkout", StringComparison.Ordinal));
        Assert.All(c.Statuses("postgres"), s => Assert.Equal((0, true), ((int)s["restartCount"]!, (bool)s["ready"]!)));

        // kubectl rollout restart: a RollingUpdate (surge 2, unavailable 1) replaces the six pods within a minute; while old
        // and new pods overlap the database stays exhausted, then the new pods' fresh pools fit (6 × 12 + 10 = 82 of 100) …
        c.Patch(SimResources.Deployments, "checkout", """{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-20T03:03:00Z"}}}}}""");
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(("NewReplicaSetAvailable", 6), (c.Progressing("checkout").Reason, c.Pods("checkout").Count));
        Assert.Equal(6, c.PodsOfRevision("checkout", 2).Count);
        var postgresErrors = c.Logs("postgres").Count;
        var checkoutRefusals = c.Logs("checkout").Count(l => l.Contains("too many clients", StringComparison.Ordinal));
        await c.AdvanceAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(postgresErrors, c.Logs("postgres").Count);
        Assert.Equal(checkoutRefusals, c.Logs("checkout").Count(l => l.Contains("too many clients", StringComparison.Ordinal)));

        // … until the leak fills them again; 4 replicas × 20 + 10 stays within max_connections for good.
        await c.AdvanceAsync(TimeSpan.FromMinutes(4));
        Assert.True(c.Logs("postgres").Count > postgresErrors);
        c.Patch(SimResources.Deployments, "checkout", """{"spec":{"replicas":4}}""");
        await c.AdvanceAsync(TimeSpan.FromSeconds(20));
        var settled = c.Logs("postgres").Count;
        await c.AdvanceAsync(TimeSpan.FromMinutes(15));
        Assert.Equal(settled, c.Logs("postgres").Count);
    }

    [Fact]
    public async Task S05_JvmHeap_OomKilledOnlyCheckout()
    {
        await using var c = ScenarioCluster.Load("s05-jvm-heap-oom");
        await c.AdvanceAsync(TimeSpan.FromMinutes(10));

        Assert.All(c.Statuses("checkout"), s => Assert.Equal("OOMKilled", (string?)s["lastState"]!["terminated"]!["reason"]));
        Assert.Contains("Exception in thread \"http-nio-8080-exec-7\" java.lang.OutOfMemoryError: Java heap space", c.Logs("checkout", previous: true));
        foreach (var app in new[] { "frontend", "payment", "catalog", "postgres", "redis" })
        {
            Assert.All(c.Statuses(app), s => Assert.Equal(0, (int)s["restartCount"]!));
        }
    }

    [Fact]
    public async Task S06_WrongImageTag_ImagePullBackOffNotFound_RollbackRecovers()
    {
        await using var c = ScenarioCluster.Load("s06-image-tag-not-found");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(120, (int)ObjectMeta.Int64(c.Sim.Store.Get(SimResources.Deployments, Ns, "catalog")["spec"]!["progressDeadlineSeconds"])!);
        var pulling = c.PodsOfRevision("catalog", 2);
        Assert.NotEmpty(pulling);
        Assert.All(pulling, p => Assert.Contains((string?)p["status"]!["containerStatuses"]![0]!["state"]!["waiting"]?["reason"], new[] { "ErrImagePull", "ImagePullBackOff" }));
        Assert.All(c.PodsOfRevision("catalog", 1), p => Assert.True((bool)p["status"]!["containerStatuses"]![0]!["ready"]!));
        Assert.Contains(c.Events("Failed"), m => m.EndsWith("registry.example.com/shop/catalog:5.3.0: not found", StringComparison.Ordinal));

        // No progress for progressDeadlineSeconds (120 s) since the rollout's last progress at 2m02s.
        await c.AdvanceAsync(TimeSpan.FromSeconds(75));
        var newRs = ObjectMeta.Name(c.ReplicaSets("catalog").Single(rs => ObjectMeta.Annotation(rs, "deployment.kubernetes.io/revision") == "2"));
        Assert.Equal(("False", "ProgressDeadlineExceeded", $"ReplicaSet \"{newRs}\" has timed out progressing."), c.Progressing("catalog"));

        c.Undo("catalog");
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(3, c.Revision("catalog"));
        Assert.DoesNotContain(c.Pods("catalog"), p => ObjectMeta.Name(p).StartsWith(newRs + "-", StringComparison.Ordinal));
        Assert.All(c.Statuses("catalog"), s => Assert.Equal(("registry.example.com/shop/catalog:5.2.3", true), ((string?)s["image"], (bool)s["ready"]!)));
        Assert.Equal("NewReplicaSetAvailable", c.Progressing("catalog").Reason);
    }

    [Fact]
    public async Task S08_PaymentHotfix_ErrorsUntilHotfixImageRuns()
    {
        await using var c = ScenarioCluster.Load("s08-payment-hotfix");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));
        Assert.Contains(c.Logs("payment"), l => l.StartsWith("ERROR HTTP 500 POST /api/payments", StringComparison.Ordinal));
        Assert.Equal("registry.example.com/shop/payment:1.12.1", c.Loaded.Scenario.Expected!.Image);

        c.Patch(SimResources.Deployments, "payment", """{"spec":{"template":{"spec":{"containers":[{"name":"payment","image":"registry.example.com/shop/payment:1.12.1"}]}}}}""");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        Assert.All(c.Statuses("payment"), s => Assert.Equal(("registry.example.com/shop/payment:1.12.1", true), ((string?)s["image"], (bool)s["ready"]!)));
        Assert.DoesNotContain(c.Logs("payment"), l => l.StartsWith("ERROR", StringComparison.Ordinal));
        Assert.Contains(c.Logs("payment"), l => l.StartsWith("INFO HTTP 200 GET /api/payments", StringComparison.Ordinal));
    }

    [Fact]
    public async Task S09_AggressiveLiveness_UnhealthyKillingRestarts_PatchedTimeoutStopsThem()
    {
        await using var c = ScenarioCluster.Load("s09-liveness-probe-too-aggressive");
        await c.AdvanceAsync(TimeSpan.FromMinutes(4));

        Assert.All(c.Statuses("catalog"), s => Assert.True((int)s["restartCount"]! >= 2));
        Assert.All(c.Statuses("catalog"), s => Assert.NotEqual("OOMKilled", (string?)s["lastState"]!["terminated"]!["reason"]));
        Assert.Contains(c.Events("Unhealthy"), m => m.StartsWith("Liveness probe failed: Get \"http://10.244.", StringComparison.Ordinal) && m.EndsWith(":8080/healthz\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)", StringComparison.Ordinal));
        Assert.Contains("Container catalog failed liveness probe, will be restarted", c.Events("Killing"));

        c.Patch(SimResources.Deployments, "catalog", """{"spec":{"template":{"spec":{"containers":[{"name":"catalog","livenessProbe":{"timeoutSeconds":3,"failureThreshold":5}}]}}}}""");
        await c.AdvanceAsync(TimeSpan.FromMinutes(15));

        Assert.All(c.Statuses("catalog"), s => Assert.Equal((0, true), ((int)s["restartCount"]!, (bool)s["ready"]!)));
    }

    [Fact]
    public async Task S10_NodeLost_NodeUnknownTaintedPodsFrozenThenEvictedAndReplaced()
    {
        const string lost = "ip-10-0-3-33.ec2.internal";
        await using var c = ScenarioCluster.Load("s10-node-lost");
        await c.AdvanceAsync(TimeSpan.FromMinutes(2).Add(TimeSpan.FromSeconds(5)));
        var onLost = c.Sim.Store.List(SimResources.Pods, Ns).Items.Where(p => (string?)p["spec"]!["nodeName"] == lost).ToList();
        Assert.NotEmpty(onLost);
        var containers = onLost.ToDictionary(ObjectMeta.Name, p => p["status"]!["containerStatuses"]!.ToJsonString());

        // 40 s without heartbeats: the node-lifecycle controller marks the node Unknown, taints it, marks its pods not ready;
        // nobody updates their containers any more (the kubelet is gone).
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));

        var node = c.Sim.Store.Get(SimResources.Nodes, null, lost);
        Assert.Equal("true", ObjectMeta.Annotation(node, "sim.opsbot.io/kubelet-stopped"));
        var ready = node["status"]!["conditions"]!.AsArray().Single(x => (string?)x!["type"] == "Ready")!;
        Assert.Equal(("Unknown", "NodeStatusUnknown"), ((string?)ready["status"], (string?)ready["reason"]));
        var taints = node["spec"]!["taints"]!.AsArray().Select(t => $"{t!["key"]}:{t["effect"]}").ToList();
        Assert.Contains("node.kubernetes.io/unreachable:NoSchedule", taints);
        Assert.Contains("node.kubernetes.io/unreachable:NoExecute", taints);
        foreach (var pod in onLost.Select(p => c.Sim.Store.Get(SimResources.Pods, Ns, ObjectMeta.Name(p))))
        {
            Assert.Equal(containers[ObjectMeta.Name(pod)], pod["status"]!["containerStatuses"]!.ToJsonString());
            Assert.Equal("False", (string?)pod["status"]!["conditions"]!.AsArray().Single(x => (string?)x!["type"] == "Ready")!["status"]);
        }

        // The unreachable:NoExecute toleration (300 s) runs out: the pods are evicted and replaced on the other nodes.
        await c.AdvanceAsync(TimeSpan.FromMinutes(6));

        Assert.All(onLost, p => Assert.Null(c.Sim.Store.TryGet(SimResources.Pods, Ns, ObjectMeta.Name(p))));
        Assert.Equal(onLost.Count, c.Events("TaintManagerEviction").Count);
        var pods = c.Sim.Store.List(SimResources.Pods, Ns).Items;
        Assert.Equal(11, pods.Count);
        Assert.DoesNotContain(pods, p => (string?)p["spec"]!["nodeName"] == lost);
        Assert.All(pods, p => Assert.Equal("Running", (string?)p["status"]!["phase"]));
    }

    [Fact]
    public async Task S11_BadRelease_Http500AfterRollout_RollbackEndsThem()
    {
        await using var c = ScenarioCluster.Load("s11-bad-release-5xx");
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(c.Logs("frontend"), l => l.StartsWith("ERROR", StringComparison.Ordinal));
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        var lines = c.Logs("frontend").Where(l => l.Contains(" HTTP ", StringComparison.Ordinal)).ToList();
        Assert.InRange(lines.Count(l => l.StartsWith("ERROR HTTP 500 POST /api/cart", StringComparison.Ordinal)) / (double)lines.Count, 0.35, 0.45);

        c.Undo("frontend");
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.DoesNotContain(c.Logs("frontend"), l => l.StartsWith("ERROR", StringComparison.Ordinal));
    }

    [Fact]
    public async Task S12_RedisMaxMemory_RedisAndClientsLogOomCommandNotAllowed()
    {
        await using var c = ScenarioCluster.Load("s12-redis-maxmemory");
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.Contains(c.Logs("redis"), l => l.EndsWith("OOM command not allowed when used memory > 'maxmemory'.", StringComparison.Ordinal));
        Assert.Contains("ReplyError: OOM command not allowed when used memory > 'maxmemory'.", c.Logs("catalog"));
        var redis = c.Sim.Metrics.GetPodMetrics(Ns).Single(p => p.Name.StartsWith("redis-", StringComparison.Ordinal));
        Assert.Equal(430L << 20, redis.Containers.Single().MemoryBytes);
        Assert.Contains(c.Logs("catalog"), l => l.StartsWith("INFO HTTP 200 GET /api/products (450 ms)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task S07_ExpiredCertificate_IngressReferencesExpiredSecret()
    {
        await using var c = ScenarioCluster.Load("s07-tls-certificate-expired");

        var ingress = c.Sim.Store.Get(SimResources.Ingresses, Ns, "shop");
        var secret = c.Sim.Store.Get(SimResources.Secrets, Ns, (string)ingress["spec"]!["tls"]![0]!["secretName"]!);
        var pem = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String((string)secret["data"]!["tls.crt"]!));
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem);

        Assert.Equal("kubernetes.io/tls", (string?)secret["type"]);
        Assert.True(certificate.NotAfter.ToUniversalTime() < c.Sim.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(("CertificateExpired", "renew-certificate"), (c.Loaded.Scenario.Expected!.Diagnosis, c.Loaded.Scenario.Expected.SuggestedAction));
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.All(c.Statuses("frontend"), s => Assert.True((bool)s["ready"]!));
    }
}
