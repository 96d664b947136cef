using k8s.Models;
using OpsBot.Triage;
using OpsBot.Triage.Analyzers;
using static OpsBot.Tests.Triage.SnapshotBuilder;

namespace OpsBot.Tests.Triage;

/// <summary>Each analyzer on a small snapshot: what it concludes, with which numbers and actions.</summary>
public sealed class AnalyzerTests
{
    [Fact]
    public void OomKilled_NodeHeapSignature_RaisesLimitToACleanSizeAboveTheLeak()
    {
        var snapshot = Snapshot(
            deployments: [Deployment("web")],
            replicaSets: [ReplicaSet("web", "abc", 1, TimeSpan.FromDays(1))],
            pods: [Pod("web-abc-1", "web-abc", OomKilled(), ready: false), Pod("web-abc-2", "web-abc", OomKilled(), ready: false)],
            logs: [Log("web-abc-1", "app", true, "<--- Last few GCs --->", "FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory")]);

        var finding = Assert.Single(OomKilledAnalyzer.Analyze(snapshot));

        Assert.Equal((FindingKinds.OomKilled, "deployment/web", Severity.Critical), (finding.Kind, finding.Resource, finding.Severity));
        Assert.Contains(finding.Evidence, e => e.Text.Contains("JavaScript heap out of memory", StringComparison.Ordinal));
        var resources = Assert.IsType<SetResourcesProposal>(finding.Proposals[0]);
        // 8 minutes from 256Mi to 512Mi: 32Mi/min, 30 more minutes → 1472Mi → 1536Mi.
        Assert.Equal(("1536Mi", "768Mi"), (resources.MemoryLimit, resources.MemoryRequest));
        Assert.Equal("/k8s set-resources deploy/web -c app --memory-limit 1536Mi --memory-request 768Mi -n shop", resources.Commands[0].Text);
        Assert.Contains(finding.Proposals, p => p.Kind == "tune-runtime-heap");
    }

    [Theory]
    [InlineData(512, 256, 0, null, 1024, 512)]
    [InlineData(1024, 768, 0, 7.0, 3072, 1536)]
    [InlineData(512, null, 900, null, 1536, 768)]
    public void OomKilled_Size_IsCleanAndAboveEverySignal(int limitMi, int? requestMi, int peakMi, double? minutes, int expectedLimitMi, int expectedRequestMi)
    {
        var (limit, request, _) = OomKilledAnalyzer.Size((long)limitMi << 20, (long?)requestMi << 20, (long)peakMi << 20, minutes);

        Assert.Equal(((long)expectedLimitMi << 20, (long)expectedRequestMi << 20), (limit, request));
    }

    [Theory]
    [InlineData("Failed to pull image \"r.example.com/a:9\": rpc error: code = NotFound desc = failed to resolve reference \"r.example.com/a:9\": r.example.com/a:9: not found", "ImagePullNotFound")]
    [InlineData("Failed to pull image \"r.example.com/a:9\": manifest unknown: manifest unknown", "ImagePullNotFound")]
    [InlineData("Failed to pull image \"r.example.com/a:9\": failed to authorize: 401 Unauthorized", "ImagePullUnauthorized")]
    [InlineData("Failed to pull image \"r.example.com/a:9\": pull access denied, repository does not exist or may require 'docker login'", "ImagePullUnauthorized")]
    [InlineData("Failed to pull image \"r.example.com/a:9\": dial tcp: lookup r.example.com: no such host", "ImagePullUnreachable")]
    [InlineData("Back-off pulling image \"r.example.com/a:9\"", "ImagePullFailed")]
    public void ImagePull_Classify_TellsTheCausesApart(string message, string kind) =>
        Assert.Equal(kind, ImagePullAnalyzer.Classify([message], "ErrImagePull"));

    [Fact]
    public void ImagePull_NewRevisionTagMissing_RollsBackToThePreviousRevision()
    {
        var snapshot = Snapshot(
            deployments: [Deployment("catalog")],
            replicaSets: [ReplicaSet("catalog", "new", 4, TimeSpan.FromMinutes(5), "r.example.com/catalog:5.3.0"), ReplicaSet("catalog", "old", 3, TimeSpan.FromDays(2), "r.example.com/catalog:5.2.3")],
            pods: [Pod("catalog-new-1", "catalog-new", Waiting("ImagePullBackOff", "Back-off pulling image", "catalog"), container: "catalog", ready: false), Pod("catalog-old-1", "catalog-old", Running("catalog"), container: "catalog")],
            events: [Event("Pod", "catalog-new-1", "Failed", "Failed to pull image \"r.example.com/catalog:5.3.0\": r.example.com/catalog:5.3.0: not found", 4)]);

        var finding = Assert.Single(ImagePullAnalyzer.Analyze(snapshot));

        Assert.Equal(FindingKinds.ImagePullNotFound, finding.Kind);
        Assert.Equal("/rollback deploy/catalog --to-revision 3 -n shop", Assert.IsType<RollbackProposal>(finding.Proposals[0]).Commands[0].Text);
        Assert.Equal("r.example.com/catalog:5.2.3", Assert.IsType<SetImageProposal>(finding.Proposals[1]).Image);
    }

    [Theory]
    [InlineData("couldn't find key password in Secret shop/checkout-db", "secret/checkout-db", "key password missing from Secret checkout-db")]
    [InlineData("secret \"db-creds\" not found", "secret/db-creds", "Secret db-creds not found")]
    [InlineData("configmap \"app-config\" not found", "configmap/app-config", "ConfigMap app-config not found")]
    [InlineData("couldn't find key LOG_LEVEL in ConfigMap shop/app-config", "configmap/app-config", "key LOG_LEVEL missing from ConfigMap app-config")]
    public void ContainerConfig_NamesTheMissingObjectAndKey(string message, string resource, string title)
    {
        var snapshot = Snapshot(pods: [Pod("api-1", "api-x", Waiting("CreateContainerConfigError", message))], replicaSets: [ReplicaSet("api", "x", 1, TimeSpan.FromDays(1))], deployments: [Deployment("api")]);

        var finding = Assert.Single(ContainerConfigAnalyzer.Analyze(snapshot));

        Assert.Contains(resource, finding.Resources);
        Assert.EndsWith(title, finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_LivenessTimeoutsAndKillsWithoutOom_IsAnAggressiveProbe()
    {
        var snapshot = Snapshot(
            deployments: [Deployment("catalog")],
            replicaSets: [ReplicaSet("catalog", "abc", 1, TimeSpan.FromDays(1))],
            pods: [Pod("catalog-abc-1", "catalog-abc", Running("catalog", restarts: 3), container: "catalog")],
            events:
            [
                Event("Pod", "catalog-abc-1", "Unhealthy", "Liveness probe failed: Get \"http://10.244.1.5:8080/healthz\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)", 9),
                Event("Pod", "catalog-abc-1", "Killing", "Container catalog failed liveness probe, will be restarted", 3, type: "Normal"),
            ]);

        var finding = Assert.Single(ProbeAnalyzer.Analyze(snapshot));

        Assert.Equal(FindingKinds.LivenessProbeTooAggressive, finding.Kind);
        var probe = Assert.IsType<SetProbeProposal>(finding.Proposals[0]);
        Assert.Equal("/k8s set-probe deploy/catalog --probe liveness -c catalog --timeout 3s --failure-threshold 5 -n shop", probe.Commands[0].Text);
    }

    [Fact]
    public void Probe_OldEventsOutsideTheWindow_AreIgnored()
    {
        var snapshot = Snapshot(
            deployments: [Deployment("catalog")],
            events: [Event("Pod", "catalog-abc-1", "Unhealthy", "Liveness probe failed: context deadline exceeded", 50, ago: TimeSpan.FromHours(5))]);

        Assert.Empty(ProbeAnalyzer.Analyze(snapshot));
    }

    [Fact]
    public void Hpa_AtMaxAboveTarget_ProposesAHigherMaxWithinDouble()
    {
        var hpa = Parse<V2HorizontalPodAutoscaler>("""
            {"metadata":{"name":"web","namespace":"shop"},"spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"minReplicas":3,"maxReplicas":6,
              "metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":70}}}]},
             "status":{"currentReplicas":6,"desiredReplicas":6,"currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":400}}}],
              "conditions":[{"type":"ScalingLimited","status":"True","reason":"TooManyReplicas","message":"the desired replica count is more than the maximum replica count"}]}}
            """);

        var finding = Assert.Single(HpaAnalyzer.Analyze(Snapshot(hpas: [hpa])));

        Assert.Equal((FindingKinds.HpaAtMax, "horizontalpodautoscaler/web", Severity.Critical), (finding.Kind, finding.Resource, finding.Severity));
        var scale = Assert.IsType<ScaleHpaProposal>(finding.Proposals[0]);
        Assert.Equal(("raise-hpa-max", "/scale-hpa web --max 12 -n shop"), (scale.Kind, scale.Commands[0].Text));
    }

    [Fact]
    public void Pending_InsufficientMemory_IsACapacityShortfall()
    {
        var pod = Parse<V1Pod>($$"""
            {"metadata":{"name":"web-1","namespace":"shop","creationTimestamp":"{{At(TimeSpan.FromMinutes(5))}}"},"spec":{"containers":[{"name":"web","resources":{"requests":{"memory":"4Gi"} } }]},
             "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable","message":"0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 Insufficient memory."}]} }
            """);

        var finding = Assert.Single(PendingPodsAnalyzer.Analyze(Snapshot(pods: [pod])));

        Assert.Equal(FindingKinds.InsufficientCapacity, finding.Kind);
        Assert.Contains("memory", finding.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionPool_ClientWithTheBiggestPoolIsTheCulprit()
    {
        var checkout = Deployment("checkout", replicas: 6) with { };
        var checkoutWithPool = Parse<V1Deployment>(k8s.KubernetesJson.Serialize(checkout).Replace("\"resources\"", "\"env\":[{\"name\":\"DB_POOL_SIZE\",\"value\":\"20\"}],\"resources\"", StringComparison.Ordinal));
        var postgres = Parse<V1Deployment>("""{"metadata":{"name":"postgres","namespace":"shop","uid":"uid-postgres"},"spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"postgres","image":"postgres:16.4","args":["-c","max_connections=100"]}]}}}}""");
        var snapshot = Snapshot(
            deployments: [checkoutWithPool, Deployment("catalog"), postgres],
            replicaSets: [ReplicaSet("checkout", "a", 1, TimeSpan.FromDays(1)), ReplicaSet("catalog", "b", 1, TimeSpan.FromDays(1)), ReplicaSet("postgres", "c", 1, TimeSpan.FromDays(1))],
            logs:
            [
                Log("checkout-a-1", "checkout", false, "ERROR o.h.engine.jdbc.spi.SqlExceptionHelper - FATAL: remaining connection slots are reserved for non-replication superuser connections"),
                Log("catalog-b-1", "catalog", false, "Error: connect ECONNREFUSED 10.96.0.15:5432"),
                Log("postgres-c-1", "postgres", false, "2026-11-20 03:00:00.000 UTC [4821] FATAL:  sorry, too many clients already"),
            ]);

        var finding = Assert.Single(ConnectionPoolAnalyzer.Analyze(snapshot));

        Assert.Equal("deployment/checkout", finding.Resource);
        Assert.Equal("/k8s restart deploy/checkout -n shop", Assert.IsType<RestartProposal>(finding.Proposals[0]).Commands[0].Text);
        Assert.Contains("≤ 4 replicas", finding.Proposals[1].Label, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INFO HTTP 200 GET /api/cart (120 ms)", 200)]
    [InlineData("ERROR HTTP 500 POST /api/cart - Internal Server Error (33 ms)", 500)]
    [InlineData("10.0.0.1 - - [20/Nov/2026] \"GET / HTTP/1.1\" 503 12", 503)]
    [InlineData("level=info msg=done status=502", 502)]
    [InlineData("no status here 500 apples", null)]
    public void ErrorLines_StatusOf_ReadsCommonAccessLogs(string line, int? status) => Assert.Equal(status, ErrorLines.StatusOf(line));

    [Fact]
    public void MissingRequests_IsInfoOnly()
    {
        var bare = Parse<V1Deployment>("""{"metadata":{"name":"bare","namespace":"shop"},"spec":{"template":{"spec":{"containers":[{"name":"bare","image":"x:1"}]}}}}""");

        var finding = Assert.Single(MissingResourcesAnalyzer.Analyze(Snapshot(deployments: [bare])));

        Assert.Equal(Severity.Info, finding.Severity);
    }
}
