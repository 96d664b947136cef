using OpsBot.ClusterSim.Hosting;
using OpsBot.ClusterSim.Api;
using OpsBot.ClusterSim.Store;

namespace OpsBot.ClusterSim.Tests.Hosting;

/// <summary>A paused engine (a replay drill) lets the clock move and reconciles nothing; resumed, the controllers run again.</summary>
public sealed class SimulationEnginePauseTests
{
    [Fact]
    public async Task AdvanceAsync_Paused_ClockMovesAndNoPodIsCreated()
    {
        await using var sim = new ClusterSimulator(new ClusterSimulatorOptions { Speed = 0 });
        sim.Control.LoadScenario("ecommerce-baseline");
        await sim.Engine.AdvanceAsync(TimeSpan.FromMinutes(1));
        var pods = BuiltInResources.Pods.Resource;
        Assert.NotEmpty(sim.Store.List(pods, null).Items);
        foreach (var pod in sim.Store.List(pods, null).Items)
        {
            sim.Store.Delete(pods, ObjectMeta.Namespace(pod), ObjectMeta.Name(pod));
        }

        var before = sim.Clock.GetUtcNow();
        sim.Engine.Paused = true;

        await sim.Engine.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(before.AddMinutes(2), sim.Clock.GetUtcNow());
        Assert.Empty(sim.Store.List(pods, null).Items);

        sim.Engine.Paused = false;
        await sim.Engine.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.NotEmpty(sim.Store.List(pods, null).Items);
    }
}
