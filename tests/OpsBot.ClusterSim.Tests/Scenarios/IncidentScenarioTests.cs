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
        var revision1 = c.Template("checkout");
        Assert.All(c.Statuses("checkout"), s => Assert.True((bool)s["ready"]!));
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.All(c.Statuses("checkout"), s => Assert.Equal(
            ("CreateContainerConfigError", "couldn't find key password in Secret ecommerce-production/checkout-db"),
            ((string?)s["state"]!["waiting"]?["reason"], (string?)s["state"]!["waiting"]?["message"])));

        c.Rollback("checkout", revision1);
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.All(c.Statuses("checkout"), s => Assert.True((bool)s["ready"]!));
        Assert.All(c.Statuses("checkout"), s => Assert.Equal("registry.example.com/shop/checkout:3.8.1", (string?)s["image"]));
    }

    [Fact]
    public async Task S02b_RolloutMissingEnv_CrashLoopBackOff_RollbackRecovers()
    {
        await using var c = ScenarioCluster.Load("s02b-rollout-crashloop");
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));
        var revision1 = c.Template("frontend");
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.All(c.Statuses("frontend"), s => Assert.Equal(1, (int)s["lastState"]!["terminated"]!["exitCode"]!));
        Assert.Contains(c.Statuses("frontend"), s => (string?)s["state"]!["waiting"]?["reason"] == "CrashLoopBackOff");
        Assert.Contains("Error: missing required environment variable SESSION_SECRET", c.Logs("frontend", previous: true));

        c.Rollback("frontend", revision1);
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.All(c.Statuses("frontend"), s => Assert.Equal((0, true), ((int)s["restartCount"]!, (bool)s["ready"]!)));
    }

    [Fact]
    public async Task S03_FlashSale_CpuSaturatedSlowAnd503_MoreReplicasRelieve()
    {
        await using var c = ScenarioCluster.Load("s03-flash-sale-hpa-at-max");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        Assert.All(c.CpuMillicores("frontend"), cpu => Assert.Equal(1000, cpu)); // at the 1-CPU limit
        Assert.Contains(c.Logs("frontend"), l => l.StartsWith("ERROR HTTP 503 ", StringComparison.Ordinal));
        var hpa = c.Sim.Store.Get(SimResources.HorizontalPodAutoscalers, Ns, "frontend");
        Assert.Equal(6, (int)ObjectMeta.Int64(hpa["spec"]!["maxReplicas"])!);

        // What raising the HPA maximum leads to: more replicas share the same traffic.
        c.Patch(SimResources.Deployments, "frontend", """{"spec":{"replicas":12}}""");
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));

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

        // kubectl rollout restart: new pods start with fresh pools (6 × 12 + 10 = 82 of 100) …
        c.Patch(SimResources.Deployments, "checkout", """{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-20T03:03:00Z"}}}}}""");
        var postgresErrors = c.Logs("postgres").Count;
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(postgresErrors, c.Logs("postgres").Count);
        Assert.DoesNotContain(c.Logs("checkout"), l => l.Contains("too many clients", StringComparison.Ordinal));

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
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));
        var revision1 = c.Template("catalog");
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(120, (int)ObjectMeta.Int64(c.Sim.Store.Get(SimResources.Deployments, Ns, "catalog")["spec"]!["progressDeadlineSeconds"])!);
        var waiting = c.Statuses("catalog").Select(s => (string?)s["state"]!["waiting"]?["reason"]).ToList();
        Assert.All(waiting, w => Assert.Contains(w, new[] { "ErrImagePull", "ImagePullBackOff" }));
        Assert.Contains(c.Events("Failed"), m => m.EndsWith("registry.example.com/shop/catalog:5.3.0: not found", StringComparison.Ordinal));

        c.Rollback("catalog", revision1);
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.All(c.Statuses("catalog"), s => Assert.True((bool)s["ready"]!));
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
    public async Task S10_NodeLost_PodsOnNodeFrozenOthersReported()
    {
        const string lost = "ip-10-0-3-33.ec2.internal";
        await using var c = ScenarioCluster.Load("s10-node-lost");
        await c.AdvanceAsync(TimeSpan.FromMinutes(2).Add(TimeSpan.FromSeconds(5)));
        var onLost = c.Sim.Store.List(SimResources.Pods, Ns).Items.Where(p => (string?)p["spec"]!["nodeName"] == lost).ToList();
        var versions = onLost.ToDictionary(ObjectMeta.Name, p => ObjectMeta.ResourceVersion(p));

        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        Assert.Equal("true", ObjectMeta.Annotation(c.Sim.Store.Get(SimResources.Nodes, null, lost), "sim.opsbot.io/kubelet-stopped"));
        Assert.NotEmpty(onLost);
        Assert.All(onLost, p => Assert.Equal(versions[ObjectMeta.Name(p)], ObjectMeta.ResourceVersion(c.Sim.Store.Get(SimResources.Pods, Ns, ObjectMeta.Name(p)))));
        var elsewhere = c.Sim.Store.List(SimResources.Pods, Ns).Items.Where(p => (string?)p["spec"]!["nodeName"] != lost).ToList();
        Assert.All(elsewhere, p => Assert.Equal("Running", (string?)p["status"]!["phase"]));
    }

    [Fact]
    public async Task S11_BadRelease_Http500AfterRollout_RollbackEndsThem()
    {
        await using var c = ScenarioCluster.Load("s11-bad-release-5xx");
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));
        var revision1 = c.Template("frontend");
        Assert.DoesNotContain(c.Logs("frontend"), l => l.StartsWith("ERROR", StringComparison.Ordinal));
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        var lines = c.Logs("frontend").Where(l => l.Contains(" HTTP ", StringComparison.Ordinal)).ToList();
        Assert.InRange(lines.Count(l => l.StartsWith("ERROR HTTP 500 POST /api/cart", StringComparison.Ordinal)) / (double)lines.Count, 0.35, 0.45);

        c.Rollback("frontend", revision1);
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
