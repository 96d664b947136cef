using OpsBot.Triage.Analyzers;

namespace OpsBot.Tests.Triage;

/// <summary>
/// The incident classes beyond the seeds, through the simulator's real objects and the real pipeline: the cause and its
/// exact first action, and the symptoms linked under it (not reported as causes of their own).
/// </summary>
public sealed class IncidentClassTriageTests
{
    [Fact]
    public async Task InitContainer_UnresolvableHost_NamesTheConfigMapKeyAndTheServiceSymptom()
    {
        await using var cluster = await TriageCluster.ScenarioAsync("x01-init-migration-db-unreachable", TimeSpan.FromMinutes(4));

        var answer = await cluster.AskAsync("/triage");

        var root = answer.Root!;
        var advice = (string)TriageAnswer.Actions(root)[0]["advice"]!;
        Assert.Contains("postgres-reviews", advice, StringComparison.Ordinal);
        Assert.Contains("ConfigMap reviews-config key REVIEWS_DB_URL", advice, StringComparison.Ordinal);
        Assert.Contains("postgres", advice, StringComparison.Ordinal);
        Assert.Contains("configmap/reviews-config", root["resources"]!.AsArray().Select(r => (string?)r));
        var service = answer.Findings.Single(f => (string?)f["kind"] == "ServiceNoReadyEndpoints" && (string?)f["resource"] == "service/reviews");
        Assert.Equal((string?)root["id"], (string?)service["causedBy"]);
        Assert.False((bool)answer.Report!["healthy"]!);
    }

    [Fact]
    public async Task Sidecar_CrashAfterRollout_BlamesTheSidecarsImageChangeNotTheApp()
    {
        await using var cluster = await TriageCluster.ScenarioAsync("x02-sidecar-log-shipper-crashloop", TimeSpan.FromMinutes(5));

        var answer = await cluster.AskAsync("/triage");

        var root = answer.Root!;
        Assert.Contains(root["evidence"]!.AsArray(), e => ((string)e!["text"]!).Contains("log-shipper image fluent/fluent-bit:3.1.9 → fluent/fluent-bit:3.2.0", StringComparison.Ordinal));
        Assert.DoesNotContain(answer.Findings, f => (string?)f["kind"] is "OOMKilled" or "CrashLoopBackOff" && ((string)f["title"]!).Contains("container catalog", StringComparison.Ordinal));
        Assert.DoesNotContain(answer.Findings.SelectMany(TriageAnswer.Actions), a => (string?)a["kind"] == "raise-memory-limit");
        var crash = answer.Findings.Single(f => (string?)f["kind"] == "CrashLoopBackOff");
        Assert.Contains("container log-shipper", (string)crash["title"]!, StringComparison.Ordinal);
        Assert.Equal((string?)root["id"], (string?)crash["causedBy"]);
    }

    [Fact]
    public async Task LivenessProbe_WrongPort_RepointsTheProbeAtTheNamedPortAndDoesNotBlameTheRollout()
    {
        await using var cluster = await TriageCluster.ScenarioAsync("x03-liveness-probe-wrong-port", TimeSpan.FromMinutes(5));

        var answer = await cluster.AskAsync("/triage");

        var root = answer.Root!;
        var command = (string)TriageAnswer.Actions(root)[0]["commands"]![0]!["text"]!;
        Assert.Equal("/k8s set-probe deploy/payment --probe liveness -c payment --port http -n ecommerce-production", command);
        Assert.DoesNotContain(answer.Kinds, k => k.EndsWith("AfterRollout", StringComparison.Ordinal));
        Assert.Contains(root["evidence"]!.AsArray(), e => ((string)e!["text"]!).Contains("listening on :9090", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadinessProbe_404_PointsBackAtThePreviousRevisionsPath()
    {
        await using var cluster = await TriageCluster.ScenarioAsync("x09-readiness-probe-wrong-path", TimeSpan.FromMinutes(4));

        var answer = await cluster.AskAsync("/triage");

        var command = (string)TriageAnswer.Actions(answer.Root!)[0]["commands"]![0]!["text"]!;
        Assert.Equal("/k8s set-probe deploy/catalog --probe readiness -c catalog --path /ready -n ecommerce-production", command);
    }

    [Fact]
    public async Task NodeSelector_NoMatchingPool_IsTheCauseAndTheEmptyServiceItsSymptom()
    {
        await using var cluster = await TriageCluster.ScenarioAsync("x05-node-selector-missing-pool", TimeSpan.FromMinutes(2));

        var answer = await cluster.AskAsync("/triage");

        var root = answer.Root!;
        Assert.Contains("eks.amazonaws.com/nodegroup=ml-inference", (string)root["title"]!, StringComparison.Ordinal);
        Assert.DoesNotContain(answer.Findings, f => (string?)f["kind"] == "InsufficientCapacity");
        Assert.All(answer.Findings.Where(f => (string?)f["kind"] is "ServiceNoReadyEndpoints" && ((string)f["resource"]!).Contains("recommendations", StringComparison.Ordinal)), f => Assert.Equal((string?)root["id"], (string?)f["causedBy"]));
    }

    [Fact]
    public async Task StatefulSet_UnboundClaim_TheClaimCarriesTheFixAndThePodAndSetAreItsSymptoms()
    {
        await using var cluster = await TriageCluster.ScenarioAsync("x07-statefulset-unbound-claim", TimeSpan.FromMinutes(4));

        var answer = await cluster.AskAsync("/triage");

        var root = answer.Root!;
        Assert.Contains("StorageClass gp3 does not exist", (string)root["title"]!, StringComparison.Ordinal);
        var symptoms = answer.Findings.Where(f => (string?)f["kind"] is "PodsPending" or "StatefulSetNotReady").ToList();
        Assert.NotEmpty(symptoms);
        Assert.All(symptoms, symptom => Assert.Equal((string?)root["id"], (string?)symptom["causedBy"]));
    }

    [Fact]
    public async Task DiskPressure_EvictedPodsCountAsEvictedAndTheWorkloadGetsTheLimit()
    {
        await using var cluster = await TriageCluster.ScenarioAsync("x08-node-disk-pressure", TimeSpan.FromMinutes(7));

        var answer = await cluster.AskAsync("/triage");

        var root = answer.Root!;
        Assert.Contains("ephemeral-storage", (string)TriageAnswer.Actions(root)[0]["advice"]!, StringComparison.Ordinal);
        Assert.Contains("Container image-resizer", (string)root["summary"]!, StringComparison.Ordinal);
        var evicted = answer.Findings.Where(f => (string?)f["kind"] == "PodsEvicted").ToList();
        Assert.NotEmpty(evicted);
        Assert.All(evicted, f => Assert.Equal((string?)root["id"], (string?)f["causedBy"]));
    }

    [Theory]
    [InlineData(4 * 24 + 23, "4d 23h")]
    [InlineData(5, "5h")]
    [InlineData(0.25, "15m")]
    public void Span_NeverRoundsDownToAWholeUnit(double hours, string expected) =>
        Assert.Equal(expected, TriageText.Span(TimeSpan.FromHours(hours)));
}
