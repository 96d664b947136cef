using OpsBot.ClusterSim.Controllers;
using OpsBot.ClusterSim.Hosting;

namespace OpsBot.ClusterSim.Tests.Controllers;

public sealed class SimulationEngineTests
{
    [Fact]
    public async Task Add_DuringATick_JoinsAtTheNextTickWithoutBreakingTheRunningOne()
    {
        // A scenario applied while the real-time loop ticks adds its injector mid-tick; this controller does the same, deterministically.
        await using var sim = new ClusterSimulator(new ClusterSimulatorOptions { UseHttps = false, Speed = 0 });
        var late = new CountingController("late");
        var adder = new CountingController("adder", context => sim.Engine.Add(late));
        sim.Engine.Add(adder);

        await sim.Engine.StepAsync();
        Assert.Equal(0, late.Reconciled);

        await sim.Engine.StepAsync();
        Assert.Equal(2, adder.Reconciled);
        Assert.True(late.Reconciled >= 1);
        Assert.Contains(late, sim.Engine.Controllers);
    }

    [Fact]
    public async Task Add_WhileTheRealTimeLoopTicks_NeverFailsTheLoop()
    {
        await using var sim = new ClusterSimulator(new ClusterSimulatorOptions { UseHttps = false, Speed = 600 });
        await sim.StartAsync();
        var added = Enumerable.Range(0, 200).Select(i => new CountingController("c" + i)).ToList();
        foreach (var controller in added)
        {
            sim.Engine.Add(controller);
            await Task.Yield();
        }

        await sim.Engine.StepAsync();
        await sim.StopAsync(); // rethrows a failure of the loop

        Assert.All(added, controller => Assert.True(controller.Reconciled >= 1, controller.Name));
    }

    private sealed class CountingController(string name, Action<SimulationContext>? also = null) : ISimulationController
    {
        private int _reconciled;

        public string Name => name;

        public int Reconciled => Volatile.Read(ref _reconciled);

        public void Reconcile(SimulationContext context)
        {
            Interlocked.Increment(ref _reconciled);
            also?.Invoke(context);
        }
    }
}
