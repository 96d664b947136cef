using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Faults;
using OpsBot.ClusterSim.Store;
using OpsBot.Simulation;
using OpsBot.Tests.Console;
using OpsBot.Triage;

namespace OpsBot.Tests.Triage;

/// <summary>Noise, failures of the cluster API, hostile input and the console API.</summary>
public sealed class TriageRobustnessTests
{
    [Fact]
    public async Task ManyHealthyPodsAndOldEvents_DoNotHideTheCause()
    {
        await using var cluster = await TriageCluster.ScenarioAsync("s06-image-tag-not-found", TimeSpan.FromMinutes(3));
        var now = cluster.Sim.Clock.GetUtcNow();
        for (var i = 0; i < 300; i++)
        {
            cluster.Sim.Store.Create(SimResources.Pods, JsonNode.Parse($$"""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"worker-{{i}}","namespace":"ecommerce-production","labels":{"app":"worker"} },
                 "spec":{"nodeName":"ip-10-0-1-11.ec2.internal","containers":[{"name":"worker","image":"registry.example.com/shop/worker:1.0","resources":{"requests":{"cpu":"10m","memory":"32Mi"},"limits":{"memory":"64Mi"} } }]},
                 "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}],"containerStatuses":[{"name":"worker","ready":true,"restartCount":0,"state":{"running":{"startedAt":"{{now.AddHours(-5):yyyy-MM-ddTHH:mm:ssZ}}"} } }]} }
                """)!.AsObject());
        }

        // Yesterday's storm: OOM kills and probe failures on a deployment long fixed; outside --since 1h.
        for (var i = 0; i < 50; i++)
        {
            cluster.Sim.Store.Create(SimResources.Events, JsonNode.Parse($$"""
                {"apiVersion":"v1","kind":"Event","metadata":{"name":"old-{{i}}","namespace":"ecommerce-production"},
                 "involvedObject":{"kind":"Pod","name":"frontend-old-{{i}}","namespace":"ecommerce-production"},
                 "reason":"Unhealthy","type":"Warning","count":40,"message":"Liveness probe failed: Get \"http://10.244.1.9:3000/healthz\": context deadline exceeded",
                 "firstTimestamp":"{{now.AddDays(-1):yyyy-MM-ddTHH:mm:ssZ}}","lastTimestamp":"{{now.AddDays(-1).AddMinutes(30):yyyy-MM-ddTHH:mm:ssZ}}"}
                """)!.AsObject());
        }

        var answer = await cluster.AskAsync("/triage --since 1h");

        Assert.Equal(("ImagePullNotFound", "deployment/catalog"), ((string?)answer.Root!["kind"], (string?)answer.Root["resource"]));
        Assert.DoesNotContain("LivenessProbeTooAggressive", answer.Kinds);
        Assert.True((int)answer.Report!["counts"]!["pods"]! >= 311);
    }

    [Fact]
    public async Task LogSamplingBudgetSpent_FailingLogsAreStillRead_AndTheSkippedSamplesAreReportedMissing()
    {
        await using var cluster = await TriageCluster.ScenarioAsync("s02b-rollout-crashloop", TimeSpan.FromMinutes(3));
        var target = new TriageTarget(TriageScope.Namespace, TriageCluster.Ns);
        var now = cluster.Sim.Clock.GetUtcNow();

        var spent = await new SnapshotCollector(Options.Create(new TriageOptions { LogSamplingBudget = TimeSpan.Zero })).CollectAsync(cluster.Client, target, now, TimeSpan.FromHours(1));
        var full = await new SnapshotCollector(Options.Create(new TriageOptions())).CollectAsync(cluster.Client, target, now, TimeSpan.FromHours(1));

        Assert.Contains(spent.Logs, log => log.Previous); // the crash loop's last run
        var skipped = Assert.Single(spent.Missing, m => m.What.StartsWith("sampled logs of ", StringComparison.Ordinal));
        Assert.Contains("Triage:LogSamplingBudget", skipped.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(full.Missing, m => m.What.StartsWith("sampled logs", StringComparison.Ordinal));
        Assert.Equal(full.Logs.Count(log => log.Previous), spent.Logs.Count(log => log.Previous));
        Assert.True(full.Logs.Count > spent.Logs.Count, $"{full.Logs.Count} logs with the budget, {spent.Logs.Count} without");
    }

    [Fact]
    public async Task SampledLogs_OnePodPerStatefulSetAndDaemonSet_NotEachOfTheirPods()
    {
        await using var cluster = await TriageCluster.ScenarioAsync("s06-image-tag-not-found", TimeSpan.FromMinutes(3));
        var now = cluster.Sim.Clock.GetUtcNow();
        foreach (var (kind, owner, count) in new[] { ("DaemonSet", "log-agent", 6), ("StatefulSet", "queue", 3) })
        {
            for (var i = 0; i < count; i++)
            {
                var pod = $"{owner}-{i}";
                cluster.Sim.Store.Create(SimResources.Pods, JsonNode.Parse($$"""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{pod}}","namespace":"{{TriageCluster.Ns}}","labels":{"app":"{{owner}}"},
                      "ownerReferences":[{"apiVersion":"apps/v1","kind":"{{kind}}","name":"{{owner}}","uid":"uid-{{owner}}","controller":true}]},
                     "spec":{"nodeName":"ip-10-0-1-11.ec2.internal","containers":[{"name":"main","image":"registry.example.com/shop/{{owner}}:1.0"}]},
                     "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}],"containerStatuses":[{"name":"main","ready":true,"restartCount":0,"state":{"running":{"startedAt":"{{now.AddHours(-5):yyyy-MM-ddTHH:mm:ssZ}}"} } }]} }
                    """)!.AsObject());
                cluster.Sim.Logs.Append(TriageCluster.Ns, pod, "main", "INFO ready", now.AddMinutes(-1));
            }
        }

        var snapshot = await new SnapshotCollector(Options.Create(new TriageOptions())).CollectAsync(cluster.Client, new TriageTarget(TriageScope.Namespace, TriageCluster.Ns), now, TimeSpan.FromHours(1));

        Assert.Single(snapshot.Logs, log => log.Pod.StartsWith("log-agent-", StringComparison.Ordinal));
        Assert.Single(snapshot.Logs, log => log.Pod.StartsWith("queue-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("list", "pods.metrics.k8s.io", "pod metrics")]
    [InlineData("list", "events", "events")]
    public async Task ApiCallFails_ReportListsItAsMissingAndStillDiagnoses(string verb, string resource, string missing)
    {
        await using var cluster = await TriageCluster.ScenarioAsync("s05-jvm-heap-oom", TimeSpan.FromMinutes(10));
        cluster.Sim.Faults.Add(new FaultRule { Verb = verb, Resource = resource, StatusCode = 500 });

        var answer = await cluster.AskAsync("/triage");

        Assert.Equal(("OOMKilled", "deployment/checkout"), ((string?)answer.Root!["kind"], (string?)answer.Root["resource"]));
        Assert.Contains(answer.Missing, m => m.StartsWith(missing, StringComparison.Ordinal) && m.Contains("500", StringComparison.Ordinal));
        Assert.Contains("Not read: " + missing, answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/triage deploy/../../etc", "is not a valid deployment name")]
    [InlineData("/triage pod/Web_1", "is not a valid pod name")]
    [InlineData("/triage ns/kube-system%2Fsecrets", "is not a valid namespace name")]
    [InlineData("/triage secret/shop-tls", "is not something /triage diagnoses")]
    [InlineData("/triage no-such-thing", "No deployment no-such-thing in namespace ecommerce-production")]
    [InlineData("/triage deploy/no-such-thing", "Deployment no-such-thing not found in namespace ecommerce-production")]
    public async Task HostileOrUnknownTarget_IsRefusedBeforeAnyUrl(string text, string error)
    {
        await using var cluster = await TriageCluster.RecordedAsync(TriageCluster.Start, sim => sim.Manifests.ApplyText("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"ecommerce-production"}}"""));

        var answer = await cluster.AskAsync(text);

        Assert.Contains(error, answer.Text, StringComparison.Ordinal);
        Assert.Null(answer.Report);
        Assert.True(answer.Reply.Ephemeral);
    }

    [Fact]
    public async Task BareWord_IsADeploymentElseANamespace()
    {
        await using var cluster = await TriageCluster.ScenarioAsync("ecommerce-baseline", TimeSpan.FromMinutes(1));

        var deployment = await cluster.AskAsync("/triage frontend");
        var ns = await cluster.AskAsync("/triage kube-system");

        Assert.Equal(("deployment", "frontend"), ((string?)deployment.Report!["target"]!["scope"], (string?)deployment.Report["target"]!["name"]));
        Assert.Equal(("namespace", "kube-system"), ((string?)ns.Report!["target"]!["scope"], (string?)ns.Report["target"]!["namespace"]));
    }

    [Fact]
    public async Task WithoutTriagePermission_IsRefused()
    {
        await using var cluster = await TriageCluster.ScenarioAsync("ecommerce-baseline", TimeSpan.FromSeconds(10));

        var answer = await cluster.AskAsync("/triage", user: "carol");

        Assert.Null(answer.Report);
        Assert.Contains("triage", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoreDetailsButton_RunsTheDetailedTriage()
    {
        await using var cluster = await TriageCluster.ScenarioAsync("s09-liveness-probe-too-aggressive", TimeSpan.FromMinutes(4));
        var answer = await cluster.AskAsync("/triage");
        var more = answer.Reply.Message.Buttons.Single(b => b.Text == "More details");

        var details = await cluster.AskAsync(more.Value);

        Assert.Equal("/triage ns/ecommerce-production --since 1h --details -n ecommerce-production", more.Value);
        Assert.StartsWith("Triage details", details.Reply.Message.Header, StringComparison.Ordinal);
        Assert.Equal(answer.Kinds, details.Kinds);
        Assert.Contains("Symptom:", details.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleApi_ReturnsTheReportBesideTheMessage()
    {
        await using var host = new OpsBotHost(("Simulator:Scenario", "s07-tls-certificate-expired"));
        using var client = host.CreateClient();
        await host.Services.GetRequiredService<EmbeddedCluster>().Simulator.Engine.AdvanceAsync(TimeSpan.FromSeconds(30));

        using var response = await client.PostAsJsonAsync("/api/console/commands", new { text = "/triage", user = "alice", channel = "incident" });
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        var report = body["report"]!.AsObject();
        var root = report["findings"]!.AsArray().Single(f => (string?)f!["id"] == (string?)report["rootCauseId"])!;
        Assert.Equal(("CertificateExpired", "secret/shop-tls"), ((string?)root["kind"], (string?)root["resource"]));
        Assert.Contains("renew-certificate", root["actions"]!.AsArray().Select(a => (string?)a!["kind"]));
        Assert.Contains("TLS certificate shop-tls has expired", (string?)body["text"], StringComparison.Ordinal);
        Assert.Contains(body["message"]!["blocks"]!.AsArray(), b => (string?)b!["type"] == "actions");
    }
}
