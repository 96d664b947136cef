using OpsBot.ClusterSim.Controllers;

namespace OpsBot.ClusterSim.Tests.Kubelet;

public sealed class KubeletImageTests
{
    [Fact]
    public async Task Reconcile_ImageInRegistry_PullsStartsAndReportsRunningPod()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("web-1", extra: "resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi}}"));

        await c.AdvanceAsync(5);

        var pod = c.Pod("web-1");
        var status = pod["status"]!;
        Assert.Equal("Running", (string?)status["phase"]);
        Assert.Equal("10.244.1.2", (string?)status["podIP"]);
        Assert.Equal("10.0.1.11", (string?)status["hostIP"]);
        Assert.Equal("Burstable", (string?)status["qosClass"]);
        Assert.Equal("2026-11-20T03:00:01Z", (string?)status["startTime"]);
        Assert.Equal(
            ["PodReadyToStartContainers=True", "Initialized=True", "Ready=True", "ContainersReady=True", "PodScheduled=True"],
            status["conditions"]!.AsArray().Select(x => $"{x!["type"]}={x["status"]}"));
        var container = c.Container("web-1");
        Assert.NotNull(container["state"]!["running"]!["startedAt"]);
        Assert.Equal("docker.io/library/web:v1", (string?)container["image"]);
        Assert.StartsWith("docker.io/library/web@sha256:", (string?)container["imageID"], StringComparison.Ordinal);
        Assert.StartsWith("containerd://", (string?)container["containerID"], StringComparison.Ordinal);
        Assert.True((bool)container["ready"]!);
        var events = c.EventTexts("web-1");
        Assert.Contains("Normal Pulling Pulling image \"web:v1\"", events);
        Assert.Contains(events, e => System.Text.RegularExpressions.Regex.IsMatch(e, @"^Normal Pulled Successfully pulled image ""web:v1"" in [\d.]+s \([\d.]+s including waiting\)\. Image size: \d+ bytes\.$"));
        Assert.Contains("Normal Created Created container: app", events);
        Assert.Contains("Normal Started Started container app", events);
        var started = c.Events("web-1").Single(e => (string?)e["reason"] == "Started");
        Assert.Equal(("kubelet", KubeletCluster.Node, "spec.containers{app}"), ((string?)started["source"]!["component"], (string?)started["source"]!["host"], (string?)started["involvedObject"]!["fieldPath"]));
    }

    [Fact]
    public async Task Reconcile_UnknownTag_ErrImagePullThenImagePullBackOffWithBackOff()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Sim.Engine.Kubelet().Registry.Reset(open: false);
        c.Sim.Engine.Kubelet().Registry.Add("web:v1");
        c.Apply(KubeletCluster.PodYaml("web-9", image: "web:v9"));

        await c.AdvanceAsync(3);
        var pulled = c.Container("web-9")["state"]!["waiting"]!;
        await c.AdvanceAsync(2);
        var backingOff = c.Container("web-9")["state"]!["waiting"]!;

        const string error = "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/web:v9\": failed to resolve reference \"docker.io/library/web:v9\": docker.io/library/web:v9: not found";
        Assert.Equal(("ErrImagePull", error), ((string?)pulled["reason"], (string?)pulled["message"]));
        Assert.Equal(("ImagePullBackOff", "Back-off pulling image \"web:v9\""), ((string?)backingOff["reason"], (string?)backingOff["message"]));
        Assert.Equal("Pending", (string?)c.Pod("web-9")["status"]!["phase"]);
        var events = c.EventTexts("web-9");
        Assert.Contains($"Warning Failed Failed to pull image \"web:v9\": {error}", events);
        Assert.Contains("Warning Failed Error: ErrImagePull", events);
        Assert.Contains("Normal BackOff Back-off pulling image \"web:v9\"", events);
        Assert.Contains("Warning Failed Error: ImagePullBackOff", events);

        // Back-off doubles: pulls at ~0 s, ~10 s, ~30 s, ~70 s → 4 attempts within 90 s.
        await c.AdvanceAsync(85);
        var pulling = c.Events("web-9").Single(e => (string?)e["reason"] == "Pulling");
        Assert.Equal(4, (int)pulling["count"]!);
    }

    [Fact]
    public async Task Reconcile_MissingImagePublishedLater_StartsAfterNextPull()
    {
        await using var c = await KubeletCluster.StartAsync();
        var registry = c.Sim.Engine.Kubelet().Registry;
        registry.MarkMissing("registry.example.com/shop/web:2.0");
        c.Apply(KubeletCluster.PodYaml("web-2", image: "registry.example.com/shop/web:2.0"));
        await c.AdvanceAsync(5);
        Assert.Equal("ImagePullBackOff", (string?)c.Container("web-2")["state"]!["waiting"]!["reason"]);

        registry.Add("registry.example.com/shop/web:2.0");
        await c.AdvanceAsync(15);

        Assert.NotNull(c.Container("web-2")["state"]!["running"]);
        Assert.Equal("registry.example.com/shop/web:2.0", (string?)c.Container("web-2")["image"]);
    }

    [Fact]
    public async Task Reconcile_SecondContainerStartOnNode_ImageAlreadyPresent()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Apply(KubeletCluster.PodYaml("a", image: "web:v1"));
        await c.AdvanceAsync(5);
        c.Apply(KubeletCluster.PodYaml("b", image: "web:v1"));
        await c.AdvanceAsync(2);

        Assert.Contains("Normal Pulled Container image \"web:v1\" already present on machine", c.EventTexts("b"));
        Assert.Equal("10.244.1.3", (string?)c.Pod("b")["status"]!["podIP"]);
    }

    [Fact]
    public async Task Reconcile_ImageChangedOnPod_RecreatesContainerFromNewImage()
    {
        await using var c = await KubeletCluster.StartAsync();
        c.Sim.Engine.Kubelet().Registry.MarkMissing("web:v9");
        c.Apply(KubeletCluster.PodYaml("web-1", image: "web:v9"));
        await c.AdvanceAsync(5);
        Assert.Equal("ImagePullBackOff", c.WaitingReason("web-1"));

        c.Apply(KubeletCluster.PodYaml("web-1", image: "web:v1"));
        await c.AdvanceAsync(5);
        Assert.NotNull(c.Container("web-1")["state"]!["running"]);

        c.Apply(KubeletCluster.PodYaml("web-1", image: "web:v2"));
        await c.AdvanceAsync(5);

        Assert.Contains("Normal Killing Container app definition changed, will be restarted", c.EventTexts("web-1"));
        Assert.Equal(("docker.io/library/web:v2", 1), ((string?)c.Container("web-1")["image"], c.Restarts("web-1")));
        Assert.NotNull(c.Container("web-1")["state"]!["running"]);
    }
}
