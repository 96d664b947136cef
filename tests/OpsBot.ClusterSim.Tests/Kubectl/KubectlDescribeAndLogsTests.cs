using OpsBot.Testing;
using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Kubectl;

/// <summary><c>kubectl describe</c> (typed clients, event field selectors, owned ReplicaSets) and <c>kubectl logs</c>.</summary>
public sealed class KubectlDescribeAndLogsTests
{
    private const string Ns = SeededCluster.Namespace;

    [Fact]
    public async Task DescribePod_CrashLooping_ShowsLastStateAndItsEvents()
    {
        await using var c = await SeededCluster.StartAsync();

        var r = (await c.KubectlAsync("describe", "pod", SeededCluster.CrashingPod, "-n", Ns)).EnsureSuccess();

        Assert.Contains("Controlled By:  ReplicaSet/frontend-7d9c8b6f5d", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("    State:          Waiting\n      Reason:       CrashLoopBackOff\n    Last State:     Terminated\n      Reason:       OOMKilled\n      Exit Code:    137\n", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("    Restart Count:  5\n", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("      memory:  512Mi\n", r.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"Warning\s+BackOff\s+.*\(x14 over .*\)\s+kubelet\s+Back-off restarting failed container frontend in pod frontend-7d9c8b6f5d-4mnbq_ecommerce-production", r.StdOut);
        Assert.Matches(@"Normal\s+Pulled\s+.*\(x6 over .*\)\s+kubelet\s+Container image ""registry.example.com/shop/frontend:2.14.0"" already present on machine", r.StdOut);
        Assert.DoesNotContain("FailedScheduling", r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribePod_Pending_ShowsSchedulingFailure()
    {
        await using var c = await SeededCluster.StartAsync();

        var r = (await c.KubectlAsync("describe", "pod", SeededCluster.PendingPod, "-n", Ns)).EnsureSuccess();

        Assert.Matches(@"\nStatus:\s+Pending\n", r.StdOut);
        Assert.Matches(@"Warning\s+FailedScheduling\s+.*default-scheduler\s+0/3 nodes are available: 1 node\(s\) had untolerated taint \{node.kubernetes.io/unreachable: \}, 2 Insufficient memory\.", r.StdOut);
    }

    [Fact]
    public async Task DescribeNode_ListsConditionsCapacityAndItsPods()
    {
        await using var c = await SeededCluster.StartAsync();

        var ready = (await c.KubectlAsync("describe", "node", "ip-10-0-1-11.ec2.internal")).EnsureSuccess();
        var lost = (await c.KubectlAsync("describe", "node", "ip-10-0-3-33.ec2.internal")).EnsureSuccess();

        Assert.Matches(@"Ready\s+True\s+.*KubeletReady\s+kubelet is posting ready status", ready.StdOut);
        Assert.Contains("Non-terminated Pods:          (1 in total)", ready.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"ecommerce-production\s+frontend-7d9c8b6f5d-x2k9p\s+250m \(6%\)\s+1 \(25%\)\s+256Mi \(1%\)\s+512Mi \(3%\)", ready.StdOut);
        Assert.Contains("Kubelet Version:            v1.32.1-eks-5d632ec", ready.StdOut, StringComparison.Ordinal);
        Assert.Contains("Taints:             node.kubernetes.io/unreachable:NoExecute\n                    node.kubernetes.io/unreachable:NoSchedule", lost.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"Ready\s+Unknown\s+.*NodeStatusUnknown\s+Kubelet stopped posting node status\.", lost.StdOut);
    }

    [Fact]
    public async Task DescribeDeployment_FindsItsReplicaSet()
    {
        await using var c = await SeededCluster.StartAsync();

        var r = (await c.KubectlAsync("describe", "deploy", "frontend", "-n", Ns)).EnsureSuccess();

        Assert.Contains("Replicas:               3 desired | 3 updated | 3 total | 1 available | 2 unavailable", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("NewReplicaSet:   frontend-7d9c8b6f5d (3/3 replicas created)", r.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"Available\s+False\s+MinimumReplicasUnavailable", r.StdOut);
    }

    [Fact]
    public async Task DescribeHpa_ShowsMetricsAndConditions()
    {
        await using var c = await SeededCluster.StartAsync();

        var r = await c.KubectlAsync("describe", "hpa", "frontend", "-n", Ns);
        if (KubectlRunner.ClientMinorVersion < 23)
        {
            // kubectl before 1.23 has no autoscaling/v2 types: against a real 1.32 server it fails the same way.
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("no kind \"HorizontalPodAutoscaler\" is registered for version \"autoscaling/v2\"", r.StdErr, StringComparison.Ordinal);
            return;
        }

        r.EnsureSuccess();
        Assert.Contains("resource cpu on pods  (as a percentage of request):  85% (212m) / 70%", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("Deployment pods:                                       3 current / 4 desired", r.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"Normal\s+SuccessfulRescale\s+.*horizontal-pod-autoscaler\s+New size: 3", r.StdOut);
    }

    [Fact]
    public async Task Logs_CurrentPreviousAndTail_PrintContainerOutput()
    {
        await using var c = await SeededCluster.StartAsync();

        var current = (await c.KubectlAsync("logs", SeededCluster.CrashingPod, "-n", Ns)).EnsureSuccess();
        var previous = (await c.KubectlAsync("logs", SeededCluster.CrashingPod, "-n", Ns, "--previous")).EnsureSuccess();
        var tail = (await c.KubectlAsync("logs", SeededCluster.RunningPod, "-n", Ns, "--tail", "2")).EnsureSuccess();

        Assert.Equal("> shop-frontend@2.14.0 start\nListening on :3000\n", current.StdOut);
        Assert.Equal("FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory", previous.Lines[^1]);
        Assert.Equal(["GET /api/products 200 44ms", "GET /api/products 200 45ms"], tail.Lines);
    }

    [Fact]
    public async Task Logs_PreviousWithoutRestart_FailsLikeTheKubelet()
    {
        await using var c = await SeededCluster.StartAsync();

        var r = await c.KubectlAsync("logs", SeededCluster.RunningPod, "-n", Ns, "--previous");

        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"Error from server (BadRequest): previous terminated container \"frontend\" in pod \"{SeededCluster.RunningPod}\" not found\n", r.StdErr);
    }

    [Fact]
    public async Task Logs_Follow_StreamsNewLinesUntilThePodGoes()
    {
        await using var c = await SeededCluster.StartAsync();
        var follow = c.KubectlAsync("logs", "-f", SeededCluster.RunningPod, "-n", Ns, "--tail=1");
        await Task.Delay(1500);
        c.Simulator.Logs.Append(Ns, SeededCluster.RunningPod, "frontend", "POST /api/checkout 201 88ms");
        await Task.Delay(1000);
        await c.Http.SendAsync(HttpMethod.Delete, $"api/v1/namespaces/{Ns}/pods/{SeededCluster.RunningPod}");

        var r = (await follow).EnsureSuccess();

        Assert.Equal(["GET /api/products 200 45ms", "POST /api/checkout 201 88ms"], r.Lines);
    }

    [Fact]
    public async Task Logs_Timestamps_PrefixEachLine()
    {
        await using var c = await SeededCluster.StartAsync();

        var r = (await c.KubectlAsync("logs", SeededCluster.RunningPod, "-n", Ns, "--timestamps", "--tail=1")).EnsureSuccess();

        Assert.Equal(["2026-11-20T02:59:50.000000000Z GET /api/products 200 45ms"], r.Lines);
    }
}
