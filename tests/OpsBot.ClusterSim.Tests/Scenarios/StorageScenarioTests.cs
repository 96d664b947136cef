using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OpsBot.ClusterSim.Tests.Scenarios;

/// <summary>
/// The scheduling, batch, storage and node-pressure incident scenarios (x05–x08) through the real kubectl: symptoms,
/// the remedy, and the recovery the simulated cluster gives it.
/// </summary>
public sealed class StorageScenarioTests
{
    [Fact]
    public async Task X05_NodePoolMissing_PodsPendingOnTheSelector_SelectorOnAnExistingPoolSchedulesThem()
    {
        await using var c = await ScenarioCluster.StartAsync("x05-node-selector-missing-pool");
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.All(ScenarioCluster.Rows(await c.RunAsync("get", "pods", "-l", "app=recommendations")), row => Assert.Equal(("0/1", "Pending"), (row[1], row[2])));
        const string FitError = "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
        Assert.Contains(FitError, await c.EventsAsync("FailedScheduling"));
        Assert.Matches(@"Node-Selectors:\s+eks\.amazonaws\.com/nodegroup=ml-inference", (await c.RunAsync("describe", "pod", "-l", "app=recommendations")).StdOut);
        Assert.Matches(@"^recommendations\s+0/2\s+", (await c.RunAsync("get", "deploy", "recommendations")).Lines[1]);

        (await c.RunAsync("patch", "deploy", "recommendations", "-p", """{"spec":{"template":{"spec":{"nodeSelector":{"eks.amazonaws.com/nodegroup":"shop-workers"}}}}}""")).EnsureSuccess();
        (await c.RunWhileAdvancingAsync(TimeSpan.FromMinutes(4), "rollout", "status", "deploy/recommendations", "--timeout=180s")).EnsureSuccess();

        Assert.All(ScenarioCluster.Rows(await c.RunAsync("get", "pods", "-l", "app=recommendations")), row => Assert.Equal(("1/1", "Running"), (row[1], row[2])));
    }

    [Fact]
    public async Task X06_CronJobRunsFail_BackoffLimitExceeded_FixedDatabaseUrlMakesTheNextRunComplete()
    {
        await using var c = await ScenarioCluster.StartAsync("x06-cronjob-backoff-limit");
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        var jobs = ScenarioCluster.Rows(await c.RunAsync("get", "jobs"));
        Assert.Equal("Failed", Assert.Single(jobs)[1]);
        Assert.Contains("Job has reached the specified backoff limit", await c.EventsAsync("BackoffLimitExceeded"));
        var cronjob = ScenarioCluster.Rows(await c.RunAsync("get", "cronjob", "orders-export")).Single();
        Assert.Equal(("*/15 * * * *", "Etc/UTC", "False", "0"), (cronjob[1], cronjob[2], cronjob[3], cronjob[4]));
        var failedPods = ScenarioCluster.Rows(await c.RunAsync("get", "pods", "-l", "app=orders-export"));
        Assert.Equal(3, failedPods.Count);
        Assert.All(failedPods, row => Assert.Equal(("0/1", "Error"), (row[1], row[2])));
        Assert.Contains("psql: error: could not translate host name \"postgres-replica\" to address: Name or service not known", (await c.RunAsync("logs", failedPods[0][0])).Lines);
        Assert.Equal("2026-11-20T02:45:00Z", (string?)(await c.GetJsonAsync("get", "cronjob", "orders-export"))["status"]!["lastSuccessfulTime"]);

        var secret = await c.RunAsync("create", "secret", "generic", "orders-export-db", "--from-literal=DATABASE_URL=postgres://export@postgres:5432/orders",
            "--from-literal=S3_BUCKET=s3://shop-exports-prod/orders", "--dry-run=client", "-o", "yaml");
        (await c.RunWithInputAsync(secret.StdOut, "apply", "-f", "-")).EnsureSuccess();
        await c.AdvanceAsync(TimeSpan.FromMinutes(14));

        var latest = (await c.GetJsonAsync("get", "cronjob", "orders-export"))["status"]!;
        Assert.Equal("2026-11-20T03:15:00Z", (string?)latest["lastScheduleTime"]);
        Assert.StartsWith("2026-11-20T03:15:", (string?)latest["lastSuccessfulTime"], StringComparison.Ordinal);
        Assert.Contains(ScenarioCluster.Rows(await c.RunAsync("get", "jobs")), row => row[0] == "orders-export-29919075" && row[1] == "Complete");
    }

    [Fact]
    public async Task X07_StatefulSetScaledUp_StuckOnOrdinalOne_RecreatedStorageClassCompletesIt()
    {
        await using var c = await ScenarioCluster.StartAsync("x07-statefulset-unbound-claim");
        await c.AdvanceAsync(TimeSpan.FromMinutes(4));

        Assert.Matches(@"^rabbitmq\s+1/3\s+", (await c.RunAsync("get", "statefulset", "rabbitmq")).Lines[1]);
        var pods = ScenarioCluster.Rows(await c.RunAsync("get", "pods", "-l", "app=rabbitmq"));
        Assert.Equal([("rabbitmq-0", "Running"), ("rabbitmq-1", "Pending")], pods.Select(r => (r[0], r[2])));
        var claims = ScenarioCluster.Rows(await c.RunAsync("get", "pvc", "-l", "app=rabbitmq"));
        Assert.Equal([("data-rabbitmq-0", "Bound"), ("data-rabbitmq-1", "Pending")], claims.Select(r => (r[0], r[1])));
        Assert.Matches(@"Warning\s+ProvisioningFailed\s+.*persistentvolume-controller\s+storageclass\.storage\.k8s\.io ""gp3"" not found", (await c.RunAsync("describe", "pvc", "data-rabbitmq-1")).StdOut);
        Assert.Contains("0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.", await c.EventsAsync("FailedScheduling"));

        (await c.RunWithInputAsync("""
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata: {name: gp3}
            provisioner: ebs.csi.aws.com
            parameters: {type: gp3, csi.storage.k8s.io/fstype: ext4}
            reclaimPolicy: Delete
            volumeBindingMode: Immediate
            allowVolumeExpansion: true
            """, "apply", "-f", "-")).EnsureSuccess();
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.Matches(@"^rabbitmq\s+3/3\s+", (await c.RunAsync("get", "statefulset", "rabbitmq")).Lines[1]);
        Assert.All(ScenarioCluster.Rows(await c.RunAsync("get", "pvc", "-l", "app=rabbitmq")), row => Assert.Equal("Bound", row[1]));
    }

    [Fact]
    public async Task X08_WorkerFillsNodeDisks_DiskPressureEvictions_FixedImageEndsTheLeak()
    {
        await using var c = await ScenarioCluster.StartAsync("x08-node-disk-pressure");
        await c.AdvanceAsync(TimeSpan.FromMinutes(7));

        var evicted = (await c.PodsAsync("image-resizer")).Where(p => (string?)p["status"]!["reason"] == "Evicted").ToList();
        Assert.NotEmpty(evicted);
        Assert.Matches(@"^The node was low on resource: ephemeral-storage\. Threshold quantity: 8588674252, available: \d+Ki\. Container image-resizer was using \d+(\.\d+)?\w*, request is 0, has larger consumption of ephemeral-storage\. $", (string?)evicted[0]["status"]!["message"]);
        var node = (string)evicted[0]["spec"]!["nodeName"]!;
        var describe = await c.RunAsync("describe", "node", node);
        Assert.Matches(@"DiskPressure\s+True\s+.*KubeletHasDiskPressure\s+kubelet has disk pressure", describe.StdOut);
        Assert.Matches(@"Taints:\s+node\.kubernetes\.io/disk-pressure:NoSchedule", describe.StdOut);
        Assert.Contains(await c.EventsAsync("Evicted"), m => m.StartsWith("The node was low on resource: ephemeral-storage.", StringComparison.Ordinal));

        (await c.RunAsync("set", "image", "deploy/image-resizer", "image-resizer=registry.example.com/shop/image-resizer:2.3.1")).EnsureSuccess();
        await c.AdvanceAsync(TimeSpan.FromMinutes(1));
        var evictions = (await c.PodsAsync("image-resizer")).Count(p => (string?)p["status"]!["reason"] == "Evicted");
        await c.AdvanceAsync(TimeSpan.FromMinutes(10));

        Assert.Equal(evictions, (await c.PodsAsync("image-resizer")).Count(p => (string?)p["status"]!["reason"] == "Evicted"));
        var nodes = (await c.GetJsonAsync("get", "nodes"))["items"]!.AsArray();
        Assert.All(nodes, n => Assert.Equal("False", (string?)n!["status"]!["conditions"]!.AsArray().Single(x => (string?)x!["type"] == "DiskPressure")!["status"]));
        Assert.Single(await c.PodsAsync("image-resizer"), p => (string?)p["status"]!["phase"] == "Running");
    }
}
