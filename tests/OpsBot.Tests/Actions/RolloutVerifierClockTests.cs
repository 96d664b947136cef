using OpsBot.Actions;
using OpsBot.Actions.SetProbe;
using OpsBot.Clusters;
using OpsBot.Kubernetes;
using OpsBot.Testing;
using k8s;

namespace OpsBot.Tests.Actions;

/// <summary>
/// The bot's client keeps real time while a drill moves the simulator's clock ahead: how long the new pods have run must
/// be measured on the cluster's clock (<see cref="IClusterClock"/>), or a recovered rollout never counts as stable.
/// </summary>
public sealed class RolloutVerifierClockTests
{
    [Fact]
    public async Task Verify_BotClockBehindTheSimulator_JudgesStabilityOnTheClusterClock()
    {
        await using var c = await ActionCluster.StartAsync("s09-liveness-probe-too-aggressive");
        await c.AdvanceAsync(TimeSpan.FromMinutes(4));
        var plan = await c.PlanAsync("/k8s set-probe deploy/catalog --probe liveness --timeout 3s --failure-threshold 5");
        await ActionCluster.ActionFor(plan).ApplyAsync(plan, ActionCluster.WorkflowId, c.Client);
        var (recovered, _) = await c.VerifyUntilDecidedAsync(plan, plan.VerificationDeadline, TimeSpan.FromSeconds(15));
        Assert.Equal(VerificationStatus.Succeeded, recovered.Status);

        // The bot's own (real) time is still where the drill started; the simulator's is minutes ahead.
        var botTime = new ManualTimeProvider(c.Sim.Clock.StartTime);
        using var botClient = SimulatorClients.Create(c.Sim);
        var withoutClusterClock = await new SetProbeAction(timeProvider: botTime).VerifyAsync(plan, ActionCluster.WorkflowId, botClient);
        var withClusterClock = await new SetProbeAction(new FixedClusterClock(c.Sim.Clock), botTime).VerifyAsync(plan, ActionCluster.WorkflowId, botClient);

        Assert.Equal(VerificationStatus.Pending, withoutClusterClock.Status);
        Assert.Contains("new pods ready, watching for restarts", withoutClusterClock.Summary, StringComparison.Ordinal);
        Assert.Equal(VerificationStatus.Succeeded, withClusterClock.Status);
        Assert.Equal(recovered.Summary, withClusterClock.Summary);
    }

    private sealed class FixedClusterClock(TimeProvider clock) : IClusterClock
    {
        public TimeProvider? For(IKubernetes client) => clock;
    }
}
