using OpsBot.ClusterSim.Tests.Support;

namespace OpsBot.ClusterSim.Tests.Kubectl;

/// <summary><c>kubectl top</c> reads metrics.k8s.io, fed here by the in-memory metrics source.</summary>
public sealed class KubectlTopTests
{
    private static async Task<SeededCluster> StartAsync()
    {
        var c = await SeededCluster.StartAsync();
        c.Simulator.Metrics.SetContainerUsage(SeededCluster.Namespace, SeededCluster.RunningPod, "frontend", 212, 300L * 1024 * 1024);
        c.Simulator.Metrics.SetContainerUsage(SeededCluster.Namespace, SeededCluster.CrashingPod, "frontend", 480, 505L * 1024 * 1024);
        c.Simulator.Metrics.SetNodeUsage("ip-10-0-1-11.ec2.internal", 1200, 6L * 1024 * 1024 * 1024);
        c.Simulator.Metrics.SetNodeUsage("ip-10-0-2-22.ec2.internal", 2900, 12L * 1024 * 1024 * 1024);
        return c;
    }

    [Fact]
    public async Task TopPods_PrintsCpuAndMemory()
    {
        await using var c = await StartAsync();

        var r = (await c.KubectlAsync("top", "pods", "-n", SeededCluster.Namespace, "-l", "app=frontend")).EnsureSuccess();

        Assert.Equal(
            ["NAME                        CPU(cores)   MEMORY(bytes)", "frontend-7d9c8b6f5d-4mnbq   480m         505Mi", "frontend-7d9c8b6f5d-x2k9p   212m         300Mi"],
            r.Lines.Select(l => l.TrimEnd()));
    }

    [Fact]
    public async Task TopNodes_PrintsUsageAgainstAllocatable()
    {
        await using var c = await StartAsync();

        var r = (await c.KubectlAsync("top", "nodes")).EnsureSuccess();

        // Column widths differ between kubectl versions; the cells do not.
        Assert.Equal(["ip-10-0-2-22.ec2.internal", "2900m", "73%", "12288Mi", "83%"], Cells(r.Lines[2]));
        Assert.Equal(["ip-10-0-3-33.ec2.internal", "<unknown>", "<unknown>", "<unknown>", "<unknown>"], Cells(r.Lines[3]));
    }

    private static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
