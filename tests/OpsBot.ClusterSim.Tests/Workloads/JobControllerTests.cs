using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Tests.Kubelet;

using OpsBot.ClusterSim.Tests.Controllers;

namespace OpsBot.ClusterSim.Tests.Workloads;

/// <summary>Jobs: pods until completions succeed, back-off between failures, the backoff limit and the deadline.</summary>
public sealed class JobControllerTests
{
    private static string Job(string name, string annotations, string spec = "", string restartPolicy = "Never") => $$"""
        apiVersion: batch/v1
        kind: Job
        metadata: {name: {{name}}, namespace: {{KubeletCluster.Ns}} }
        spec:
          {{spec}}
          template:
            metadata:
              annotations: {{annotations}}
            spec:
              restartPolicy: {{restartPolicy}}
              containers: [{name: task, image: batch:v1}]
        """;

    private static JsonObject Get(KubeletCluster c, string name) => c.Sim.Store.Get(SimResources.Jobs, KubeletCluster.Ns, name);

    private static JsonObject? Condition(JsonObject job, string type) =>
        job["status"]?["conditions"]?.AsArray().OfType<JsonObject>().SingleOrDefault(x => (string?)x["type"] == type);

    private static List<string> Events(KubeletCluster c, string job) =>
        [.. c.Sim.Store.List(SimResources.Events, KubeletCluster.Ns, e => (string?)e["involvedObject"]!["name"] == job).Items.Select(e => $"{e["type"]} {e["reason"]} {e["message"]}")];

    [Fact]
    public async Task Reconcile_PodsSucceed_CompleteWithCompletions()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Job("report", "{sim.opsbot.io/crash-exit-code: '0', sim.opsbot.io/crash-after: 10s}", "completions: 3\n  parallelism: 2"));

        await c.AdvanceUntilAsync(() => Condition(Get(c, "report"), "Complete") is not null, maxSeconds: 120);

        var job = Get(c, "report");
        Assert.Equal(3, (job["status"]!["succeeded"]).AsInt());
        Assert.Equal(("CompletionsReached", "Reached expected number of succeeded pods"), ((string?)Condition(job, "Complete")!["reason"], (string?)Condition(job, "Complete")!["message"]));
        Assert.NotNull(Condition(job, "SuccessCriteriaMet"));
        Assert.NotNull(job["status"]!["completionTime"]);
        Assert.NotNull(job["spec"]!["selector"]!["matchLabels"]!["batch.kubernetes.io/controller-uid"]);
        Assert.Contains("Normal Completed Job completed", Events(c, "report"));
        var pods = c.Sim.Store.List(SimResources.Pods, KubeletCluster.Ns).Items;
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Equal(("report", "Succeeded"), (ObjectMeta.Label(p, "job-name"), (string?)p["status"]!["phase"])));
    }

    [Fact]
    public async Task Reconcile_PodsKeepFailing_BackOffThenBackoffLimitExceeded()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Job("export", "{sim.opsbot.io/crash-exit-code: '2', sim.opsbot.io/crash-after: 3s}", "backoffLimit: 2"));

        await c.AdvanceAsync(12);
        var afterFirst = c.Sim.Store.List(SimResources.Pods, KubeletCluster.Ns).Items.Count;
        await c.AdvanceUntilAsync(() => Condition(Get(c, "export"), "Failed") is not null, maxSeconds: 180);

        Assert.Equal(1, afterFirst); // the second pod only after the 10 s back-off
        var job = Get(c, "export");
        var failed = Condition(job, "Failed")!;
        Assert.Equal(("True", "BackoffLimitExceeded", "Job has reached the specified backoff limit"), ((string?)failed["status"], (string?)failed["reason"], (string?)failed["message"]));
        Assert.Equal("BackoffLimitExceeded", (string?)Condition(job, "FailureTarget")!["reason"]);
        Assert.Equal(3, (job["status"]!["failed"]).AsInt());
        Assert.Null(job["status"]!["completionTime"]);
        Assert.Contains("Warning BackoffLimitExceeded Job has reached the specified backoff limit", Events(c, "export"));
        Assert.Equal(3, c.Sim.Store.List(SimResources.Pods, KubeletCluster.Ns).Items.Count(p => (string?)p["status"]!["phase"] == "Failed"));
    }

    [Fact]
    public async Task Reconcile_RunsPastItsDeadline_DeadlineExceededAndPodsDeleted()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Job("migrate", "{sim.opsbot.io/crash-exit-code: '0', sim.opsbot.io/crash-after: 10m}", "activeDeadlineSeconds: 60"));

        await c.AdvanceAsync(70);

        var failed = Condition(Get(c, "migrate"), "Failed")!;
        Assert.Equal(("DeadlineExceeded", "Job was active longer than specified deadline"), ((string?)failed["reason"], (string?)failed["message"]));
        Assert.Contains("Warning DeadlineExceeded Job was active longer than specified deadline", Events(c, "migrate"));
        Assert.Empty(c.Sim.Store.List(SimResources.Pods, KubeletCluster.Ns).Items);
    }

    [Fact]
    public async Task Reconcile_OnFailureRestarts_CountTowardTheBackoffLimit()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Job("sync", "{sim.opsbot.io/crash-exit-code: '1', sim.opsbot.io/crash-after: 1s}", "backoffLimit: 1", restartPolicy: "OnFailure"));

        await c.AdvanceUntilAsync(() => Condition(Get(c, "sync"), "Failed") is not null, maxSeconds: 120);

        Assert.Equal("BackoffLimitExceeded", (string?)Condition(Get(c, "sync"), "Failed")!["reason"]);
    }

    [Fact]
    public async Task KubectlGet_Jobs_StatusCompletionsDuration()
    {
        await using var c = await KubeletCluster.StartAsync(serve: true);
        c.Apply(Job("ok", "{sim.opsbot.io/crash-exit-code: '0', sim.opsbot.io/crash-after: 20s}"));
        c.Apply(Job("bad", "{sim.opsbot.io/crash-exit-code: '1'}", "backoffLimit: 0"));
        await c.AdvanceAsync(40);

        var table = (await c.Kubectl!.RunAsync("get", "jobs", "-n", KubeletCluster.Ns)).EnsureSuccess();
        var pods = (await c.Kubectl.RunAsync("get", "pods", "-n", KubeletCluster.Ns)).EnsureSuccess();

        Assert.Matches(@"^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$", table.Lines[0]);
        Assert.Matches(@"(?m)^ok\s+Complete\s+1/1\s+2\ds\s+40s$", table.StdOut);
        Assert.Matches(@"(?m)^bad\s+Failed\s+0/1\s+3\ds\s+40s$", table.StdOut);
        Assert.Matches(@"(?m)^ok-\w{5}\s+0/1\s+Completed\s+0\s+\d+s$", pods.StdOut);
        Assert.Matches(@"(?m)^bad-\w{5}\s+0/1\s+Error\s+0\s+\d+s$", pods.StdOut);
    }
}
