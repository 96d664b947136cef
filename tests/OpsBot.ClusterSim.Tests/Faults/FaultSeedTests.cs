using OpsBot.ClusterSim.Faults;
using OpsBot.ClusterSim.Hosting;

namespace OpsBot.ClusterSim.Tests.Faults;

public sealed class FaultSeedTests
{
    [Fact]
    public async Task FaultSeed_SameSeed_SameFaultsInTheSameOrder()
    {
        var first = await DrawsAsync(seed: 7);
        var again = await DrawsAsync(seed: 7);
        var other = await DrawsAsync(seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.InRange(first.Count(status => status != 0), 20, 100); // about 20 % of 300
    }

    private static async Task<List<int>> DrawsAsync(int seed)
    {
        await using var sim = new ClusterSimulator(new ClusterSimulatorOptions { UseHttps = false, Speed = 0, FaultSeed = seed });
        sim.Faults.Set([new FaultRule { StatusCode = 503, ErrorRate = 0.2 }]);
        return [.. Enumerable.Range(0, 300).Select(_ => sim.Faults.Evaluate("get", "", "pods", null, "shop", null).Failure?.StatusCode ?? 0)];
    }
}
