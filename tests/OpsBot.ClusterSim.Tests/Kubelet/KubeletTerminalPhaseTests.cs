using System.Text.Json.Nodes;

namespace OpsBot.ClusterSim.Tests.Kubelet;

/// <summary>
/// Pods that run to completion (restartPolicy Never / OnFailure): the kubelet's terminal phases Succeeded and
/// Failed, terminated container states with their reasons, no restarts, and nothing run again afterwards.
/// </summary>
public sealed class KubeletTerminalPhaseTests
{
    private static string Job(string name, string restartPolicy, int exitCode, string extraContainers = "") =>
        KubeletCluster.PodYaml(
            name,
            image: "batch:v1",
            annotations: $$"""{sim.opsbot.io/crash-exit-code: "{{exitCode}}", sim.opsbot.io/crash-after: 5s, sim.opsbot.io/crash-log: "processed 1200 orders"}""")
        .Replace("  containers:", $"  restartPolicy: {restartPolicy}\n  containers:", StringComparison.Ordinal)
        + extraContainers;

    [Theory]
    [InlineData("Never", 0, "Succeeded", "Completed")]
    [InlineData("Never", 3, "Failed", "Error")]
    [InlineData("OnFailure", 0, "Succeeded", "Completed")]
    public async Task Reconcile_ContainerExits_PodReachesTerminalPhaseAndStaysThere(string restartPolicy, int exitCode, string phase, string reason)
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Job("job-1", restartPolicy, exitCode));

        await c.AdvanceAsync(30);
        var first = c.Pod("job-1").DeepClone();
        await c.AdvanceAsync(TimeSpan.FromMinutes(10));

        var pod = c.Pod("job-1");
        var container = c.Container("job-1");
        var terminated = container["state"]!["terminated"]!;
        Assert.Equal(phase, (string?)pod["status"]!["phase"]);
        Assert.Equal((reason, exitCode), ((string?)terminated["reason"], (int)terminated["exitCode"]!));
        Assert.Equal(TimeSpan.FromSeconds(5), DateTimeOffset.Parse((string)terminated["finishedAt"]!, System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.Parse((string)terminated["startedAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((0, false, false), ((int)container["restartCount"]!, (bool)container["ready"]!, (bool)container["started"]!));
        Assert.Null(container["lastState"]!["terminated"]);
        var ready = pod["status"]!["conditions"]!.AsArray().Single(x => (string?)x!["type"] == "Ready")!;
        // kubelet's terminal-phase readiness: PodCompleted for Succeeded, PodFailed for Failed.
        Assert.Equal(("False", phase == "Succeeded" ? "PodCompleted" : "PodFailed"), ((string?)ready["status"], (string?)ready["reason"]));

        // Terminal phases are final: ten more minutes change nothing, and the container ran once.
        Assert.True(JsonNode.DeepEquals(first, pod), "the pod changed after reaching its terminal phase");
        Assert.Equal(["processed 1200 orders"], c.LogLines("job-1"));
        Assert.Single(c.EventTexts("job-1"), e => e.StartsWith("Normal Started ", StringComparison.Ordinal));
        Assert.DoesNotContain(c.Sim.Metrics.GetPodMetrics(KubeletCluster.Ns), p => p.Name == "job-1");
    }

    [Fact]
    public async Task Reconcile_OnFailureNonZeroExit_RestartsInPlaceAndStaysRunning()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Job("job-2", "OnFailure", 1));

        await c.AdvanceAsync(TimeSpan.FromMinutes(1));

        var container = c.Container("job-2");
        Assert.Equal("Running", (string?)c.Pod("job-2")["status"]!["phase"]);
        Assert.True((int)container["restartCount"]! >= 2);
        Assert.Equal(("Error", 1), ((string?)container["lastState"]!["terminated"]!["reason"], (int)container["lastState"]!["terminated"]!["exitCode"]!));
    }

    [Fact]
    public async Task Reconcile_NeverWithASidecarStillRunning_PodStaysRunningWithOneContainerCompleted()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(Job("job-3", "Never", 0, extraContainers: "\n  - name: proxy\n    image: envoy:v1\n"));

        await c.AdvanceAsync(30);

        var statuses = c.Pod("job-3")["status"]!["containerStatuses"]!.AsArray();
        Assert.Equal("Running", (string?)c.Pod("job-3")["status"]!["phase"]);
        Assert.Equal("Completed", (string?)statuses.Single(s => (string?)s!["name"] == "app")!["state"]!["terminated"]!["reason"]);
        Assert.NotNull(statuses.Single(s => (string?)s!["name"] == "proxy")!["state"]!["running"]);
        Assert.All(statuses, s => Assert.Equal(0, (int)s!["restartCount"]!));
    }

    [Fact]
    public async Task GetPods_TerminalPods_KubectlShowsCompletedAndErrorWithoutRestarts()
    {
        await using var c = await KubeletCluster.StartAsync(serve: true);
        c.Apply(Job("report-ok", "Never", 0));
        c.Apply(Job("report-bad", "Never", 2));
        await c.AdvanceAsync(30);

        var pods = (await c.Kubectl!.RunAsync("get", "pods", "-n", KubeletCluster.Ns)).EnsureSuccess();
        var describe = (await c.Kubectl.RunAsync("describe", "pod", "report-bad", "-n", KubeletCluster.Ns)).EnsureSuccess();

        Assert.Matches(@"report-ok\s+0/1\s+Completed\s+0\s+", pods.StdOut);
        Assert.Matches(@"report-bad\s+0/1\s+Error\s+0\s+", pods.StdOut);
        Assert.Matches(@"\nStatus:\s+Failed\n", describe.StdOut);
        Assert.Matches(@"\n    State:\s+Terminated\n      Reason:\s+Error\n      Exit Code:\s+2\n", describe.StdOut);
        Assert.Matches(@"\n    Restart Count:\s+0\n", describe.StdOut);
    }
}
