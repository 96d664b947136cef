using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Store;
using OpsBot.ClusterSim.Tests.Kubelet;

namespace OpsBot.ClusterSim.Tests.Workloads;

/// <summary>CronJobs on the virtual clock: jobs at the scheduled times, concurrency, suspension, history, missed schedules.</summary>
public sealed class CronJobControllerTests
{
    private static string CronJob(string schedule, string annotations, string extra = "") => $$"""
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: cleanup, namespace: {{KubeletCluster.Ns}} }
        spec:
          schedule: "{{schedule}}"
          {{extra}}
          jobTemplate:
            spec:
              backoffLimit: 0
              template:
                metadata:
                  annotations: {{annotations}}
                spec:
                  restartPolicy: Never
                  containers: [{name: cleanup, image: batch:v1}]
        """;

    private static JsonObject Get(KubeletCluster c) => c.Sim.Store.Get(SimResources.CronJobs, KubeletCluster.Ns, "cleanup");

    private static List<JsonObject> Jobs(KubeletCluster c) => [.. c.Sim.Store.List(SimResources.Jobs, KubeletCluster.Ns).Items];

    private static List<string> Events(KubeletCluster c) =>
        [.. c.Sim.Store.List(SimResources.Events, KubeletCluster.Ns, e => (string?)e["involvedObject"]!["kind"] == "CronJob").Items.Select(e => $"{e["type"]} {e["reason"]} {e["message"]} x{e["count"]}")];

    [Fact]
    public async Task Reconcile_EveryFiveMinutes_CreatesNamedJobsAndRecordsSuccess()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(CronJob("*/5 * * * *", "{sim.opsbot.io/crash-exit-code: '0', sim.opsbot.io/crash-after: 20s}"));

        await c.AdvanceAsync(TimeSpan.FromMinutes(11));

        // 03:05 and 03:10 (the clock started at 03:00:00, when the CronJob was created).
        var jobs = Jobs(c).OrderBy(ObjectMeta.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(["cleanup-29919065", "cleanup-29919070"], jobs.Select(ObjectMeta.Name));
        Assert.Equal("2026-11-20T03:05:00Z", ObjectMeta.Annotation(jobs[0], "batch.kubernetes.io/cronjob-scheduled-timestamp"));
        Assert.Equal("CronJob", (string?)jobs[0]["metadata"]!["ownerReferences"]![0]!["kind"]);
        var status = Get(c)["status"]!;
        Assert.Equal("2026-11-20T03:10:00Z", (string?)status["lastScheduleTime"]);
        Assert.Matches(@"^2026-11-20T03:10:2\dZ$", (string?)status["lastSuccessfulTime"]);
        Assert.Null(status["active"]);
        Assert.Contains("Normal SuccessfulCreate Created job cleanup-29919070 x1", Events(c));
        Assert.Contains("Normal SawCompletedJob Saw completed job: cleanup-29919065, condition: Complete x1", Events(c));
    }

    [Fact]
    public async Task Reconcile_ForbidWithAJobStillRunning_JobAlreadyActiveAndTooManyMissedTimes()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(CronJob("* * * * *", "{sim.opsbot.io/crash-exit-code: '0', sim.opsbot.io/crash-after: 3h}", "concurrencyPolicy: Forbid"));

        await c.AdvanceAsync(TimeSpan.FromMinutes(104));

        Assert.Single(Jobs(c));
        Assert.Single(Get(c)["status"]!["active"]!.AsArray());
        Assert.Contains(Events(c), e => e.StartsWith("Normal JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid x", StringComparison.Ordinal));
        Assert.Contains(Events(c), e => e.StartsWith("Warning TooManyMissedTimes too many missed start times: 101. Set or decrease .spec.startingDeadlineSeconds or check clock skew", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconcile_SuspendedThenResumed_NothingWhileSuspendedAndFailedJobsBeyondTheLimitGo()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(CronJob("*/2 * * * *", "{sim.opsbot.io/crash-exit-code: '1'}", "suspend: true\n  failedJobsHistoryLimit: 1"));
        await c.AdvanceAsync(TimeSpan.FromMinutes(5));
        var whileSuspended = Jobs(c).Count;

        c.Sim.Store.Modify(SimResources.CronJobs, KubeletCluster.Ns, "cleanup", (JsonObject j) => j["spec"]!["suspend"] = false);
        await c.AdvanceAsync(TimeSpan.FromMinutes(7.5));

        Assert.Equal(0, whileSuspended);
        var failed = Assert.Single(Jobs(c));
        Assert.Equal("Failed", (string?)failed["status"]!["conditions"]!.AsArray().Last()!["type"]);
        Assert.Contains(Events(c), e => e.StartsWith("Normal SuccessfulDelete Deleted job cleanup-", StringComparison.Ordinal));
        Assert.Null(Get(c)["status"]!["lastSuccessfulTime"]);
    }

    [Fact]
    public async Task KubectlGet_CronJobs_ScheduleTimezoneSuspendActiveLastSchedule()
    {
        await using var c = await KubeletCluster.StartAsync(serve: true);
        c.Apply(CronJob("*/5 * * * *", "{sim.opsbot.io/crash-exit-code: '0', sim.opsbot.io/crash-after: 10m}", "timeZone: Europe/Paris"));
        await c.AdvanceAsync(TimeSpan.FromMinutes(6));

        var table = (await c.Kubectl!.RunAsync("get", "cronjobs", "-n", KubeletCluster.Ns)).EnsureSuccess();

        Assert.Matches(@"^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE$", table.Lines[0]);
        Assert.Matches(@"(?m)^cleanup\s+\*/5 \* \* \* \*\s+Europe/Paris\s+False\s+1\s+60s\s+6m$", table.StdOut);
    }
}
