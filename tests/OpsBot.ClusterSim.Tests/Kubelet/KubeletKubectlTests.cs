namespace OpsBot.ClusterSim.Tests.Kubelet;

/// <summary>What the real kubectl shows of the simulated kubelet's work.</summary>
public sealed class KubeletKubectlTests
{
    [Fact]
    public async Task LogsPrevious_AfterOomKill_ShowsCrashedRunsLastLines()
    {
        await using var c = await KubeletCluster.StartAsync(serve: true);
        c.Apply(KubeletCluster.PodYaml("frontend-1", annotations: "{sim.opsbot.io/memory-base: 300Mi, sim.opsbot.io/memory-leak-per-minute: 100Mi, sim.opsbot.io/oom-log: node, sim.opsbot.io/start-log: 'Server listening on port 8080'}", extra: "resources: {limits: {memory: 512Mi}}"));
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));

        var previous = (await c.Kubectl!.RunAsync("logs", "frontend-1", "-n", KubeletCluster.Ns, "--previous", "--tail", "8")).EnsureSuccess();
        var current = (await c.Kubectl.RunAsync("logs", "frontend-1", "-n", KubeletCluster.Ns)).EnsureSuccess();
        var pods = (await c.Kubectl.RunAsync("get", "pods", "-n", KubeletCluster.Ns)).EnsureSuccess();

        Assert.Contains("FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory", previous.StdOut, StringComparison.Ordinal);
        Assert.Equal(" 6: 0xf5e5cd v8::internal::Heap::CollectGarbage(v8::internal::AllocationSpace, v8::internal::GarbageCollectionReason, v8::GCCallbackFlags) [node]", previous.Lines[^1]);
        Assert.Equal(["Server listening on port 8080"], current.Lines);
        Assert.Matches(@"frontend-1\s+1/1\s+Running\s+1 \(\d+s ago\)", pods.StdOut);
    }

    [Fact]
    public async Task TopPods_RunningPods_ShowsSimulatedUsage()
    {
        await using var c = await KubeletCluster.StartAsync(serve: true);
        c.Apply(KubeletCluster.PodYaml("frontend-1", annotations: "{sim.opsbot.io/memory-base: 180Mi, sim.opsbot.io/memory-leak-per-minute: 40Mi, sim.opsbot.io/cpu-base-millicores: '35'}", extra: "resources: {limits: {memory: 1Gi}}"));
        await c.AdvanceAsync(TimeSpan.FromMinutes(5).Add(TimeSpan.FromSeconds(2)));

        var top = (await c.Kubectl!.RunAsync("top", "pods", "-n", KubeletCluster.Ns)).EnsureSuccess();
        var nodes = (await c.Kubectl.RunAsync("top", "nodes")).EnsureSuccess();

        Assert.Matches(@"frontend-1\s+35m\s+(379|380)Mi", top.StdOut);
        Assert.Matches(@"node-a\s+155m\s+\d+%\s+10(29|30)Mi", nodes.StdOut);
    }

    [Fact]
    public async Task GetPods_CrashLoop_ShowsCrashLoopBackOffAndRestarts()
    {
        await using var c = await KubeletCluster.StartAsync(serve: true);
        c.Apply(KubeletCluster.PodYaml("web-x", annotations: "{sim.opsbot.io/crash-exit-code: '2'}"));
        await c.AdvanceUntilAsync(() => c.Restarts("web-x") == 3 && c.WaitingReason("web-x") == "CrashLoopBackOff");

        var r = (await c.Kubectl!.RunAsync("get", "pods", "-n", KubeletCluster.Ns)).EnsureSuccess();
        var describe = (await c.Kubectl.RunAsync("describe", "pod", "web-x", "-n", KubeletCluster.Ns)).EnsureSuccess();

        Assert.Matches(@"web-x\s+0/1\s+CrashLoopBackOff\s+3 \(\d+s ago\)", r.StdOut);
        Assert.True(describe.StdOut.Contains("    Last State:     Terminated\n      Reason:       Error\n      Exit Code:    2\n", StringComparison.Ordinal), describe.StdOut);
        Assert.Matches(@"\nIP:\s+10\.244\.1\.2\n", describe.StdOut);
    }
}
