using System.Text.Json.Nodes;
using OpsBot.ClusterSim.Controllers.Kubelet;

namespace OpsBot.ClusterSim.Tests.Kubelet;

public sealed class WorkloadBehaviorTests
{
    private static WorkloadBehavior For(string annotations, string container = """{"name":"app","image":"web:v1"}""")
    {
        var pod = JsonNode.Parse($"{{\"metadata\":{{\"annotations\":{annotations}}},\"spec\":{{\"containers\":[{container}]}}}}")!.AsObject();
        return WorkloadBehavior.For(pod, pod["spec"]!["containers"]![0]!.AsObject());
    }

    [Fact]
    public void MemoryBytes_Leak_GrowsToPlateau()
    {
        var b = For("""{"sim.opsbot.io/memory-base":"180Mi","sim.opsbot.io/memory-leak-per-minute":"40Mi","sim.opsbot.io/memory-plateau":"1400Mi"}""");

        Assert.Equal([180L << 20, 380L << 20, 1400L << 20], new[] { 0, 5, 60 }.Select(m => b.MemoryBytes(TimeSpan.FromMinutes(m))));
    }

    [Fact]
    public void For_NoAnnotations_DefaultsFromRequests()
    {
        var b = For("{}", """{"name":"app","image":"web:v1","resources":{"requests":{"cpu":"500m","memory":"1Gi"}}}""");

        Assert.Equal((512L << 20, 25L), (b.MemoryBaseBytes, b.CpuBaseMillicores));
    }

    [Fact]
    public void For_ImageListedInFaultsFixedIn_FaultsIgnored()
    {
        const string faulty = """{"sim.opsbot.io/error-rate":"0.3","sim.opsbot.io/crash-exit-code":"1","sim.opsbot.io/faults-fixed-in":"web:v2"}""";

        var broken = For(faulty);
        var fixedOne = For(faulty, """{"name":"app","image":"docker.io/library/web:v2"}""");

        Assert.Equal((0.3, 1), (broken.ErrorRate, broken.CrashExitCode));
        Assert.Equal((0.0, (int?)null), (fixedOne.ErrorRate, fixedOne.CrashExitCode));
    }

    [Fact]
    public void For_SecondContainer_NotTargetedByAnnotations()
    {
        var pod = JsonNode.Parse("""{"metadata":{"annotations":{"sim.opsbot.io/crash-exit-code":"3"}},"spec":{"containers":[{"name":"app"},{"name":"sidecar"}]}}""")!.AsObject();

        Assert.Equal(3, WorkloadBehavior.For(pod, pod["spec"]!["containers"]![0]!.AsObject()).CrashExitCode);
        Assert.Null(WorkloadBehavior.For(pod, pod["spec"]!["containers"]![1]!.AsObject()).CrashExitCode);
    }

    [Fact]
    public void LatencyAndErrors_Saturation_GrowLikeAQueue()
    {
        var b = For("""{"sim.opsbot.io/response-ms":"200"}""");

        Assert.Equal([200.0, 1000.0, 4000.0], new[] { 0.3, 0.9, 1.0 }.Select(u => Math.Round(b.LatencyMs(u))));
        Assert.Equal((0.0, 0.5), (b.ServerErrorRate(0.9), b.ServerErrorRate(2.0)));
    }

    [Fact]
    public void DbConnections_Leak_CappedAtPoolMax()
    {
        var b = For("""{"sim.opsbot.io/db-service":"postgres","sim.opsbot.io/db-pool-size":"12","sim.opsbot.io/db-pool-max":"20","sim.opsbot.io/db-connection-leak-per-minute":"2"}""");

        Assert.Equal([12.0, 16.0, 20.0], new[] { 0, 2, 30 }.Select(m => b.DbConnections(TimeSpan.FromMinutes(m))));
    }

    [Theory]
    [InlineData("web:v1", "docker.io/library/web:v1")]
    [InlineData("nginx", "docker.io/library/nginx:latest")]
    [InlineData("bitnami/redis:7.2", "docker.io/bitnami/redis:7.2")]
    [InlineData("registry.example.com/shop/frontend:2.14.0", "registry.example.com/shop/frontend:2.14.0")]
    [InlineData("localhost:5000/app", "localhost:5000/app:latest")]
    public void Normalize_ShortNames_DockerHubLibrary(string image, string expected) =>
        Assert.Equal(expected, ImageReference.Normalize(image));

    [Theory]
    [InlineData("10s", 10)]
    [InlineData("1m30s", 90)]
    [InlineData("2h", 7200)]
    [InlineData("45", 45)]
    public void TryParse_Durations_Seconds(string text, int seconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Fact]
    public void Go_BackOffDurations_FormattedLikeKubelet() =>
        Assert.Equal(["10s", "40s", "1m20s", "5m0s"], new[] { 10, 40, 80, 300 }.Select(s => DurationText.Go(TimeSpan.FromSeconds(s))));
}
