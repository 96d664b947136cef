using OpsBot.Actions;
using OpsBot.ClusterSim.Store;
using OpsBot.Commands;

namespace OpsBot.Tests.Actions;

public sealed class ScaleHpaActionTests
{
    private const string Ns = ActionCluster.Ns;
    private const string Wf = ActionCluster.WorkflowId;

    [Fact]
    public async Task S03_FlashSale_RaisedMax_ReplicasRiseCpuAndErrorsFall()
    {
        await using var c = await ActionCluster.StartAsync("s03-flash-sale-hpa-at-max");
        await c.AdvanceAsync(TimeSpan.FromMinutes(3));
        Assert.All(c.CpuMillicores("frontend"), cpu => Assert.Equal(1000, cpu));

        var plan = await c.PlanAsync("/scale-hpa frontend --max 12");

        Assert.Equal(("scale-hpa", "horizontalpodautoscaler/frontend"), (plan.Kind, plan.Target));
        Assert.Equal([new FieldChange("spec.maxReplicas", "6", "12")], plan.Changes);
        Assert.Equal(ActionRisk.Low, plan.Risk);
        Assert.Contains("replicas: 6 current, 6 desired (min 3, max 6)", plan.CurrentState);
        Assert.Contains(plan.CurrentState, line => line.StartsWith("ScalingLimited=True TooManyReplicas", StringComparison.Ordinal));
        Assert.Contains(plan.CurrentState, line => line.StartsWith("metrics: cpu: ", StringComparison.Ordinal));
        var action = ActionCluster.ActionFor(plan);
        Assert.Equal(ApplyOutcome.Applied, await action.ApplyAsync(plan, Wf, c.Client));
        var hpa = c.Sim.Store.Get(SimResources.HorizontalPodAutoscalers, Ns, "frontend");
        Assert.Equal((Wf, 12L), (ActionCluster.Stamp(hpa), ObjectMeta.Int64(hpa["spec"]!["maxReplicas"])));
        Assert.Equal(ApplyOutcome.AlreadyApplied, await action.ApplyAsync(plan, Wf, c.Client));
        Assert.Equal(ObjectMeta.Generation(hpa), ObjectMeta.Generation(c.Sim.Store.Get(SimResources.HorizontalPodAutoscalers, Ns, "frontend")));

        var (result, _) = await c.VerifyUntilDecidedAsync(plan, plan.VerificationDeadline);

        Assert.Equal(VerificationStatus.Succeeded, result.Status);
        Assert.StartsWith("horizontalpodautoscaler/frontend at 12 replicas (min 3, max 12), all available", result.Summary, StringComparison.Ordinal);
        Assert.Equal(12, c.CpuMillicores("frontend").Count);
        Assert.All(c.CpuMillicores("frontend"), cpu => Assert.InRange(cpu, 500, 550));
        var verified = c.Sim.Clock.GetUtcNow();
        await c.AdvanceAsync(TimeSpan.FromSeconds(30));
        var recent = c.LogsSince("frontend", verified);
        Assert.Contains(recent, l => l.StartsWith("INFO HTTP 200 ", StringComparison.Ordinal));
        Assert.DoesNotContain(recent, l => l.StartsWith("ERROR HTTP 503", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MinAndScaleUpWindow_AppliedThenRevertedToTheOldValues()
    {
        await using var c = await ActionCluster.StartAsync();
        await c.AdvanceAsync(TimeSpan.FromSeconds(30));
        var plan = await c.PlanAsync("/scale-hpa hpa/frontend --min 4 --scale-up-window 120s");

        Assert.Equal(
            [new FieldChange("spec.minReplicas", "3", "4"), new FieldChange("spec.behavior.scaleUp.stabilizationWindowSeconds", null, "120")],
            plan.Changes);
        Assert.Equal(ActionRisk.Medium, plan.Risk);
        var action = ActionCluster.ActionFor(plan);
        await action.ApplyAsync(plan, Wf, c.Client);
        var (result, _) = await c.VerifyUntilDecidedAsync(plan, plan.VerificationDeadline);
        Assert.Equal(VerificationStatus.Succeeded, result.Status);
        Assert.Equal(4, c.Pods("frontend").Count);

        await action.RevertAsync(plan, Wf, c.Client);

        var hpa = c.Sim.Store.Get(SimResources.HorizontalPodAutoscalers, Ns, "frontend");
        Assert.Equal(3L, ObjectMeta.Int64(hpa["spec"]!["minReplicas"]));
        Assert.Null(hpa["spec"]!["behavior"]?["scaleUp"]?["stabilizationWindowSeconds"]);
        Assert.Equal("scale-hpa-revert", ActionCluster.Annotation(hpa, ActionAnnotations.Action));
        var generation = ObjectMeta.Generation(hpa);
        await action.RevertAsync(plan, Wf, c.Client);
        Assert.Equal(generation, ObjectMeta.Generation(c.Sim.Store.Get(SimResources.HorizontalPodAutoscalers, Ns, "frontend")));
    }

    [Fact]
    public async Task Plan_MaxBelowRunningReplicas_IsHighRisk()
    {
        await using var c = await ActionCluster.StartAsync("s03-flash-sale-hpa-at-max");
        await c.AdvanceAsync(TimeSpan.FromMinutes(2));

        var plan = await c.PlanAsync("/scale-hpa frontend --min 2 --max 4");

        Assert.Equal(ActionRisk.High, plan.Risk);
        Assert.Equal("lowers maxReplicas below the 6 running replicas: horizontalpodautoscaler/frontend removes 2 pods at once", plan.RiskReason);
    }

    [Theory]
    [InlineData("/scale-hpa frontend --min 8 --max 5", "--min 8 is above --max 5; min must be ≤ max.")]
    [InlineData("/scale-hpa frontend --min 12", "--min 12 is above the HPA's maxReplicas 10; raise --max too.")]
    [InlineData("/scale-hpa frontend --max 2", "--max 2 is below the HPA's minReplicas 3; lower --min too.")]
    [InlineData("/scale-hpa frontend --scale-up-window 2h", "--scale-up-window must be whole seconds of at most 1h")]
    [InlineData("/scale-hpa frontend", "Give at least one of --min, --max, --scale-up-window.")]
    public async Task Plan_BadBounds_InputErrorNothingChanged(string text, string message)
    {
        await using var c = await ActionCluster.StartAsync();
        var before = ObjectMeta.Generation(c.Sim.Store.Get(SimResources.HorizontalPodAutoscalers, Ns, "frontend"));

        var error = await Assert.ThrowsAsync<CommandInputException>(() => c.PlanAsync(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, ObjectMeta.Generation(c.Sim.Store.Get(SimResources.HorizontalPodAutoscalers, Ns, "frontend")));
    }

    [Theory]
    [InlineData("/scale-hpa frontend --min 3 --max 10", "horizontalpodautoscaler/frontend already has minReplicas 3, maxReplicas 10; nothing to change.")]
    [InlineData("/scale-hpa nope --max 10", "horizontalpodautoscaler nope not found in namespace ecommerce-production")]
    public async Task Plan_NothingToChangeOrUnknown_ClearAnswer(string text, string message)
    {
        await using var c = await ActionCluster.StartAsync();

        var error = await Assert.ThrowsAsync<CommandFailedException>(() => c.PlanAsync(text));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task Parse_MinBelowOne_RefusedByTheParser()
    {
        await using var c = await ActionCluster.StartAsync();

        var error = Assert.Throws<CommandInputException>(() => c.Context("/scale-hpa frontend --min 0"));

        Assert.Equal("--min must be a whole number from 1 to 10000, not \"0\".", error.Message);
    }
}
