namespace OpsBot.ClusterSim.Tests.Kubelet;

public sealed class KubeletCrashTests
{
    private const string Crashing = """
        {sim.opsbot.io/crash-exit-code: "1", sim.opsbot.io/crash-after: 2s, sim.opsbot.io/crash-log: "Listening on :8080\nError: Cannot find module '/app/dist/server.js'"}
        """;

    [Fact]
    public async Task Reconcile_CrashAtStart_RestartsWithDoublingBackOff()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-x", annotations: Crashing));

        var restartedAt = new List<int>();
        var messages = new HashSet<string>();
        for (var second = 1; second <= 200; second++)
        {
            await c.AdvanceAsync(1);
            if (c.Restarts("web-x") > restartedAt.Count)
            {
                restartedAt.Add(second);
            }

            if ((string?)c.Container("web-x")["state"]!["waiting"]?["message"] is { } message)
            {
                messages.Add(message);
            }
        }

        // Each run lasts 2 s; the first restart is immediate, then the back-off waits 10 s, 20 s, 40 s, 80 s.
        var gaps = restartedAt.Zip(restartedAt.Skip(1), (a, b) => b - a).ToList();
        Assert.Equal([12, 22, 42, 82], gaps.Take(4));
        var uid = c.Uid("web-x");
        Assert.Contains($"back-off 40s restarting failed container=app pod=web-x_shop({uid})", messages);
        Assert.Contains($"back-off 1m20s restarting failed container=app pod=web-x_shop({uid})", messages);
        Assert.Contains($"Warning BackOff Back-off restarting failed container app in pod web-x_shop({uid})", c.EventTexts("web-x"));
    }

    [Fact]
    public async Task Reconcile_CrashLooping_ShowsWaitingAndLastStateTerminated()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-x", annotations: Crashing));

        await c.AdvanceUntilAsync(() => c.Restarts("web-x") == 2 && c.WaitingReason("web-x") == "CrashLoopBackOff");

        var status = c.Container("web-x");
        Assert.Equal("CrashLoopBackOff", (string?)status["state"]!["waiting"]!["reason"]);
        var last = status["lastState"]!["terminated"]!;
        Assert.Equal(("Error", 1), ((string?)last["reason"], (int)last["exitCode"]!));
        Assert.NotNull(last["startedAt"]);
        Assert.NotNull(last["finishedAt"]);
        Assert.Equal(2, (int)status["restartCount"]!);
        Assert.False((bool)status["ready"]!);
        Assert.Equal("Running", (string?)c.Pod("web-x")["status"]!["phase"]);
        Assert.Equal("Error: Cannot find module '/app/dist/server.js'", c.LogLines("web-x", previous: true)[^1]);
    }

    [Fact]
    public async Task Reconcile_RestartPolicyNever_StaysTerminatedAndFails()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("job-1", annotations: Crashing).Replace("  containers:", "  restartPolicy: Never\n  containers:", StringComparison.Ordinal));

        await c.AdvanceAsync(30);

        Assert.Equal("Failed", (string?)c.Pod("job-1")["status"]!["phase"]);
        Assert.Equal(1, (int)c.Container("job-1")["state"]!["terminated"]!["exitCode"]!);
        Assert.Equal(0, c.Restarts("job-1"));
    }

    [Fact]
    public async Task Reconcile_RanLongerThanTenMinutes_BackOffStartsOver()
    {
        await using var c = await KubeletCluster.StartAsync();
        // Leaks into its 256Mi limit after ~11 min each run: every restart is immediate (back-off reset).
        c.Apply(KubeletCluster.PodYaml("slow-leak", annotations: "{sim.opsbot.io/memory-base: 36Mi, sim.opsbot.io/memory-leak-per-minute: 20Mi}", extra: "resources: {limits: {memory: 256Mi}}"));

        await c.AdvanceAsync(TimeSpan.FromMinutes(40));

        Assert.Equal(3, c.Restarts("slow-leak"));
        Assert.NotNull(c.Container("slow-leak")["state"]!["running"]);
        Assert.DoesNotContain(c.EventTexts("slow-leak"), e => e.Contains("BackOff", StringComparison.Ordinal));
    }
}
