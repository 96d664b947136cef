using OpsBot.ClusterSim.Faults;

namespace OpsBot.ClusterSim.Tests.Faults;

public sealed class FaultInjectorTests
{
    [Fact]
    public void Evaluate_EveryNth_FailsOnlyThoseRequests()
    {
        var faults = new FaultInjector(seed: 1);
        faults.Add(new FaultRule { Verb = "get", Resource = "pods", StatusCode = 503, EveryNth = 3 });

        var failed = Enumerable.Range(1, 9).Select(_ => faults.Evaluate("get", "", "pods", null, "shop", "p").Failure is not null).ToList();

        Assert.Equal([false, false, true, false, false, true, false, false, true], failed);
    }

    [Fact]
    public void Evaluate_OtherVerbOrResource_DoesNotMatch()
    {
        var faults = new FaultInjector();
        faults.Add(new FaultRule { Verb = "patch", Resource = "deployments.apps", StatusCode = 409 });

        Assert.Null(faults.Evaluate("get", "apps", "deployments", null, "shop", "web").Failure);
        Assert.Null(faults.Evaluate("patch", "", "pods", null, "shop", "web").Failure);
        Assert.NotNull(faults.Evaluate("patch", "apps", "deployments", null, "shop", "web").Failure);
    }

    [Fact]
    public void Evaluate_Times_RetiresRule()
    {
        var faults = new FaultInjector();
        faults.Add(new FaultRule { StatusCode = 500, Times = 2 });

        var failed = Enumerable.Range(0, 4).Select(_ => faults.Evaluate("list", "", "pods", null, null, null).Failure is not null);

        Assert.Equal([true, true, false, false], failed);
    }

    [Fact]
    public void Evaluate_LatencyAndRate_AddsDelayAndFailsAboutThatShare()
    {
        var faults = new FaultInjector(seed: 42);
        faults.Add(new FaultRule { Resource = "pods/log", StatusCode = 500, ErrorRate = 0.25, LatencyMs = 50 });

        var decisions = Enumerable.Range(0, 400).Select(_ => faults.Evaluate("get", "", "pods", "log", "shop", "p")).ToList();

        Assert.All(decisions, d => Assert.Equal(TimeSpan.FromMilliseconds(50), d.Delay));
        Assert.InRange(decisions.Count(d => d.Failure is not null), 60, 140);
        Assert.Same(FaultDecision.None, faults.Evaluate("get", "", "pods", null, "shop", "p"));
    }
}
